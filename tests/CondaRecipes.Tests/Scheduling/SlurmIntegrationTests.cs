using System.Collections.Concurrent;
using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

/// <summary>
/// Real jobs on the single-node Slurm of eng/slurm/start.sh, through both sbatch and Debian's PBS-syntax
/// qsub/qstat/qdel wrappers. Each test runs its scenario on both backends at once; the fixture's tests run
/// in parallel so the walltime test's minute overlaps the others.
/// </summary>
[TestFixture, Parallelizable(ParallelScope.Children), NonParallelizable]
public class SlurmIntegrationTests
{
    private static readonly JobMonitorOptions FastPolling = new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(500), MaxPollInterval = TimeSpan.FromSeconds(2),
        FileCheckInterval = TimeSpan.FromMilliseconds(200), LogGraceTimeout = TimeSpan.FromSeconds(10),
        SentinelGraceTimeout = TimeSpan.FromSeconds(3),
    };

    private string _root = null!;

    [OneTimeSetUp]
    public void StartSlurm()
    {
        LocalSlurm.EnsureStarted();
        _root = Directory.CreateTempSubdirectory("cr-slurm-it-").FullName;
    }

    [OneTimeTearDown]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private static IEnumerable<ISchedulerBackend> Backends() =>
        [new SlurmBackend(), new PbsBackend()];

    private string Dir(string test, ISchedulerBackend backend) =>
        Directory.CreateDirectory(Path.Combine(_root, test, backend.Name)).FullName;

    private static JobSpec Job(string dir, string name, params string[] command) =>
        BatchJob.Prepare(dir, name, command, dir) with
        {
            Account = "cr-test", Queue = "main", Walltime = TimeSpan.FromMinutes(5), Cpus = 1,
        };

    private static async Task<IReadOnlyList<JobOutcome>> RunAsync(ISchedulerBackend backend, IReadOnlyList<PlannedJob> jobs,
        ConcurrentQueue<string>? lines = null, ConcurrentQueue<string>? messages = null, CancellationToken ct = default)
    {
        var submitted = await BatchSubmission.SubmitAllAsync(backend, jobs, ct);
        var monitor = new JobMonitor(backend, FastPolling)
        {
            OnLogLine = (name, line) => lines?.Enqueue($"{name}: {line}"),
            OnMessage = m => messages?.Enqueue(m),
        };
        return await monitor.WaitAsync(submitted, ct);
    }

    [Test, CancelAfter(240_000)]
    public async Task PassingAndFailingJobs_ReportExitCodeNodeAndLogTail()
    {
        await Task.WhenAll(Backends().Select(async backend =>
        {
            var dir = Dir("pass-fail", backend);
            var lines = new ConcurrentQueue<string>();
            var outcomes = await RunAsync(backend,
            [
                new(Job(dir, "passes", "/bin/sh", "-c", "echo all good"), []),
                new(Job(dir, "fails", "/bin/sh", "-c", "echo compiling; echo 'error: it broke' >&2; exit 3"), []),
            ], lines);

            var (pass, fail) = (outcomes[0], outcomes[1]);
            Assert.That(pass.Result, Is.EqualTo(JobResult.Succeeded), $"{backend.Name}: {pass}");
            Assert.That(pass.ExitCode, Is.EqualTo(0));
            // The scheduler's node name ("localhost" here) or, when the sentinel came first, the host the script printed.
            Assert.That(pass.Node, Does.StartWith("localhost").Or.EqualTo(Environment.MachineName));
            Assert.That(pass.LogTail, Has.Some.EqualTo("all good"));
            Assert.That(fail.Result, Is.EqualTo(JobResult.Failed), $"{backend.Name}: {fail}");
            Assert.That(fail.ExitCode, Is.EqualTo(3));
            Assert.That(fail.Reason, Is.EqualTo("exit code 3"));
            Assert.That(fail.LogTail, Has.Some.EqualTo("error: it broke"));
            Assert.That(fail.LogTail[^1], Does.StartWith(JobScriptWriter.EndMarker).And.EndWith("exit=3"));
            Assert.That(lines, Has.Some.EqualTo("fails: compiling").And.Some.EqualTo("passes: all good"));
            if (backend is PbsBackend pbs)
                Assert.That(pbs.UsesTextStatus, Is.True, "Debian's qstat has no -F json; the backend must fall back to qstat -f");
        }));
    }

    [Test, CancelAfter(240_000)]
    public async Task HostileArguments_ArriveUnchanged_ThroughTheScheduler()
    {
        await Task.WhenAll(Backends().Select(async backend =>
        {
            var dir = Dir("quoting", backend);
            var marker = Path.Combine(dir, "injected");
            string[] hostile = ["a b", "it's", "\"q\"", $"$(touch {marker})", $"`touch {marker}`", "x\ny", "$SLURM_JOB_ID", "*"];
            var outcomes = await RunAsync(backend, [new(Job(dir, "quoting", ["/usr/bin/printf", "<%s>\\n", .. hostile]), [])]);

            Assert.That(outcomes[0].Result, Is.EqualTo(JobResult.Succeeded), outcomes[0].ToString());
            var log = await File.ReadAllTextAsync(outcomes[0].LogPath);
            Assert.That(log, Does.Contain(string.Concat(hostile.Select(h => $"<{h}>\n"))));
            Assert.That(File.Exists(marker), Is.False, $"{backend.Name}: an argument was run by a shell");
        }));
    }

    [Test, CancelAfter(240_000)]
    public async Task DependencyChain_WhenTheFirstFails_TheOthersAreNotRun()
    {
        await Task.WhenAll(Backends().Select(async backend =>
        {
            var dir = Dir("chain", backend);
            var messages = new ConcurrentQueue<string>();
            var outcomes = await RunAsync(backend,
            [
                new(Job(dir, "a", "/bin/sh", "-c", "exit 1"), []),
                new(Job(dir, "b", "/bin/sh", "-c", $"touch {dir}/b-ran"), ["a"]),
                new(Job(dir, "c", "/bin/sh", "-c", $"touch {dir}/c-ran"), ["b"]),
            ], messages: messages);

            Assert.That(outcomes.Select(o => o.Result), Is.EqualTo(new[] { JobResult.Failed, JobResult.NotRun, JobResult.NotRun }),
                string.Join("\n", outcomes));
            Assert.That(outcomes[1].Reason, Does.StartWith("not run (dependency failed"));
            Assert.That(outcomes[2].Reason, Does.StartWith("not run (dependency failed"));
            Assert.That(File.Exists($"{dir}/b-ran") || File.Exists($"{dir}/c-ran"), Is.False);
            await AssertLeavesSqueueAsync(outcomes.Select(o => o.JobId));
        }));
    }

    [Test, CancelAfter(240_000)]
    public async Task Cancellation_CancelsEveryUnfinishedJobInOneCall()
    {
        await Task.WhenAll(Backends().Select(async backend =>
        {
            var dir = Dir("cancel", backend);
            var messages = new ConcurrentQueue<string>();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(4));
            var outcomes = await RunAsync(backend,
            [
                new(Job(dir, "sleeper1", "/bin/sleep", "300"), []),
                new(Job(dir, "sleeper2", "/bin/sleep", "300"), []),
            ], messages: messages, ct: cts.Token);

            Assert.That(outcomes.Select(o => o.Result), Is.All.EqualTo(JobResult.Cancelled));
            Assert.That(messages, Has.Some.Contains($"Cancelled 2 {backend.Name} job(s): sleeper1 ({outcomes[0].JobId}), sleeper2 ({outcomes[1].JobId})"));
            await AssertLeavesSqueueAsync(outcomes.Select(o => o.JobId));
        }));
    }

    [Test, CancelAfter(240_000)]
    public async Task Walltime_KillsTheJob_AndIsReported()
    {
        await Task.WhenAll(Backends().Select(async backend =>
        {
            var dir = Dir("walltime", backend);
            var job = Job(dir, "overtime", "/bin/sleep", "600") with { Walltime = TimeSpan.FromMinutes(1) };
            var outcomes = await RunAsync(backend, [new(job, [])]);

            var o = outcomes[0];
            Assert.That(o.Result, Is.EqualTo(JobResult.Failed), o.ToString());
            Assert.That(o.Reason, Does.StartWith("walltime exceeded"), o.ToString());
            Assert.That(o.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(55)));
        }));
    }

    [Test, CancelAfter(120_000)]
    public async Task RejectedSubmission_FailsAtOnce_WithTheSchedulersMessage()
    {
        foreach (var backend in Backends())
        {
            var dir = Dir("rejected", backend);
            var spec = Job(dir, "badpart", "/bin/true") with { Queue = "no_such_partition" };
            var e = Assert.ThrowsAsync<CondaRecipesException>(() => backend.SubmitAsync(spec));
            Assert.That(e!.Code, Is.EqualTo(SchedulingErrorCodes.SubmissionRejected));
            Assert.That(e.Message, Does.Contain("Invalid partition name specified"), backend.Name);
        }
    }

    [Test, CancelAfter(120_000)]
    public async Task StatusQuery_FailingEveryTime_EndsWithCodedError_FailingSometimes_IsTolerated()
    {
        var dir = Dir("query-failures", new SlurmBackend());
        // A squeue in front of the real one that fails its first two calls, as a busy controller does.
        var flaky = Path.Combine(dir, "flaky-squeue");
        var count = Path.Combine(dir, "calls");
        await File.WriteAllTextAsync(flaky,
            $"#!/bin/bash\nn=$(( $(cat '{count}' 2>/dev/null || echo 0) + 1 )); echo $n > '{count}'\n" +
            "if [ $n -le 2 ]; then echo 'squeue: error: Socket timed out on send/recv operation' >&2; exit 1; fi\nexec squeue \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(flaky, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var messages = new ConcurrentQueue<string>();
        var tolerant = new SlurmBackend { SqueueCommand = flaky };
        var submitted = await BatchSubmission.SubmitAllAsync(tolerant, [new(Job(dir, "ok", "/bin/sleep", "2"), [])]);
        var outcomes = await new JobMonitor(tolerant, FastPolling with { MaxConsecutiveQueryFailures = 3 }) { OnMessage = messages.Enqueue }
            .WaitAsync(submitted);
        Assert.That(outcomes[0].Result, Is.EqualTo(JobResult.Succeeded), outcomes[0].ToString());
        Assert.That(messages, Has.Some.Contains("status query failed (2 in a row)"));

        var broken = new SlurmBackend { SqueueCommand = "false" };
        var stuck = await BatchSubmission.SubmitAllAsync(broken, [new(Job(dir, "stuck", "/bin/sleep", "60"), [])]);
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            new JobMonitor(broken, FastPolling with { MaxConsecutiveQueryFailures = 3 }).WaitAsync(stuck));
        Assert.That(e!.Code, Is.EqualTo(SchedulingErrorCodes.StatusUnavailable));
        await broken.CancelAsync([stuck[0].JobId]);
    }

    private static async Task AssertLeavesSqueueAsync(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        for (var i = 0; i < 50 && LocalSlurm.ActiveInSqueue(list).Count > 0; i++)
            await Task.Delay(200);
        Assert.That(LocalSlurm.ActiveInSqueue(list), Is.Empty, "jobs still pending or running in squeue");
    }
}
