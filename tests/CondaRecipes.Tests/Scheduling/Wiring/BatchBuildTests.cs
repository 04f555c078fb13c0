using System.Text.RegularExpressions;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Scheduling.Wiring;

/// <summary>
/// `dotnet build -p:CondaScheduler=Slurm|Pbs` of real recipe projects with the packed SDK, against the
/// single-node Slurm of eng/slurm/start.sh (PBS through Debian's qsub/qstat/qdel wrappers over it). Each job
/// runs the real per-variant `dotnet build` on the node, which is this machine.
/// </summary>
[TestFixture, Parallelizable(ParallelScope.Children)]
public class BatchBuildTests
{
    [OneTimeSetUp]
    public void StartSlurm() => LocalSlurm.EnsureStarted();

    private static string JobId(string output, string job, string scheduler)
    {
        var m = Regex.Match(output, $@"{Regex.Escape(job)}: submitted as {scheduler} job (\d+)");
        Assert.That(m.Success, Is.True, $"no submission line for {job}:\n{output}");
        return m.Groups[1].Value;
    }

    /// <summary>The UTC time of the job script's start or end marker in its log.</summary>
    private static DateTimeOffset Marker(WiringRepo w, string job, string which)
    {
        var line = File.ReadLines(Path.Combine(w.JobDir, job + ".log")).Single(l => l.StartsWith($"==== condarecipes job {which}:", StringComparison.Ordinal));
        return DateTimeOffset.Parse(Regex.Match(line, @"time=(\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertPackages(WiringRepo w)
    {
        var packages = w.Packages();
        Assert.That(packages, Has.Count.EqualTo(3), string.Join(", ", packages));
        Assert.That(packages[0], Does.StartWith("wiring-app-1.0-"));
        Assert.That(packages[1], Does.StartWith("wiring-app-2.0-"));
        Assert.That(packages[2], Does.StartWith("wiring-base-1.0.0-"));
    }

    [Test, CancelAfter(300_000)]
    public void Slurm_builds_every_variant_as_a_job_after_the_referenced_recipe()
    {
        using var w = new WiringRepo();
        var r = w.BuildApp("-p:CondaScheduler=Slurm");
        TestContext.Out.WriteLine(r);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        var baseId = JobId(r.Output, w.BaseJob, "slurm");
        foreach (var v in new[] { "2.0", "1.0" })
        {
            var appId = JobId(r.Output, w.AppJob(v), "slurm");
            Assert.That(r.Output, Does.Contain($"{w.AppJob(v)}: submitted as slurm job {appId} after {w.BaseJob} ({baseId})"));
            Assert.That(r.Output, Does.Match($@"{Regex.Escape(w.AppJob(v))}: succeeded \(job {appId} on \S+, exit code 0, [0-9.]+ s, log "));
            // afterok really held: the app job started after the base job ended.
            Assert.That(Marker(w, w.AppJob(v), "start"), Is.GreaterThanOrEqualTo(Marker(w, w.BaseJob, "end")));
        }
        Assert.That(r.Output, Does.Match($@"{Regex.Escape(w.BaseJob)}: succeeded \(job {baseId} on \S+, exit code 0"));
        Assert.That(r.Output, Does.Contain("slurm jobs: 3 succeeded, 0 failed, 0 not run, 0 cancelled."));
        AssertPackages(w);
        // The node's build logged the variant it built.
        Assert.That(File.ReadAllText(Path.Combine(w.JobDir, w.AppJob("1.0") + ".log")), Does.Match(@"wiring-app-1\.0-\S+\.conda"));
    }

    [Test, CancelAfter(300_000)]
    public void Pbs_target_submits_through_qsub_with_the_account()
    {
        using var w = new WiringRepo();
        var r = w.BuildApp("-t:Pbs", "-p:CondaPbsAccount=test");
        TestContext.Out.WriteLine(r);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        var baseId = JobId(r.Output, w.BaseJob, "pbs");
        var appId = JobId(r.Output, w.AppJob("2.0"), "pbs");
        Assert.That(r.Output, Does.Contain($"{w.AppJob("2.0")}: submitted as pbs job {appId} after {w.BaseJob} ({baseId})"));
        Assert.That(r.Output, Does.Match($@"{Regex.Escape(w.AppJob("2.0"))}: succeeded \(job {appId}( on \S+)?, exit code 0, "));
        Assert.That(r.Output, Does.Contain("pbs jobs: 3 succeeded, 0 failed, 0 not run, 0 cancelled."));
        AssertPackages(w);
    }

    [Test, CancelAfter(300_000)]
    public void Failing_job_fails_the_build_with_its_log_tail_and_its_dependents_are_not_run()
    {
        using var w = new WiringRepo(baseFails: true);
        var r = w.BuildApp("-p:CondaScheduler=Slurm");
        TestContext.Out.WriteLine(r);
        Assert.That(r.ExitCode, Is.Not.EqualTo(0), r.ToString());

        var baseId = JobId(r.Output, w.BaseJob, "slurm");
        Assert.That(r.Output, Does.Match($@"error CR8302: {Regex.Escape(w.BaseJob)}: failed, exit code 1 \(job {baseId} on \S+, [0-9.]+ s, log "));
        Assert.That(r.Output, Does.Contain("wiring: base is broken on purpose"));
        foreach (var v in new[] { "2.0", "1.0" })
            Assert.That(r.Output, Does.Contain($"error CR8303: {w.AppJob(v)}: not run (dependency failed: {w.BaseJob})"));
        Assert.That(r.Output, Does.Contain("slurm jobs: 0 succeeded, 1 failed, 2 not run, 0 cancelled."));
        Assert.That(w.Packages(), Is.Empty);
    }

    [Test, CancelAfter(300_000)]
    public void Dry_run_of_all_recipes_prints_scripts_and_submit_lines_and_submits_nothing()
    {
        using var w = new WiringRepo();
        w.Repo.Write("all.proj", """
            <Project Sdk="CondaRecipes.Traversal">
              <ItemGroup><CondaRecipeProject Include="recipes/*.proj" /></ItemGroup>
            </Project>
            """);
        var r = w.Repo.Build("all.proj", "-t:Slurm", "-p:CondaSchedulerDryRun=true", "-p:CondaJobCpus=2");
        TestContext.Out.WriteLine(r);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        Assert.That(r.Output, Does.Contain("Dry run: 3 slurm job(s) written, none submitted."));
        foreach (var job in new[] { w.BaseJob, w.AppJob("2.0"), w.AppJob("1.0") })
        {
            var script = Path.Combine(w.JobDir, job + ".sh");
            Assert.That(r.Output, Does.Contain($"{job}: script {script}"));
            Assert.That(File.Exists(script), Is.True, script);
            Assert.That(r.Output, Does.Contain($"--job-name={job} --output={Path.Combine(w.JobDir, job + ".log")}"));
            Assert.That(r.Output, Does.Contain("--cpus-per-task=2"));
        }
        // The referenced recipe comes first and its dependents name it by placeholder.
        Assert.That(r.Output.IndexOf($"{w.BaseJob}: script", StringComparison.Ordinal),
            Is.LessThan(r.Output.IndexOf($"{w.AppJob("2.0")}: script", StringComparison.Ordinal)));
        Assert.That(r.Output, Does.Contain($"--dependency=afterok:{{{w.BaseJob}}} --kill-on-invalid-dep=yes"));
        // Each script runs the one-variant build of its project.
        var appScript = File.ReadAllText(Path.Combine(w.JobDir, w.AppJob("1.0") + ".sh"));
        Assert.That(appScript, Does.Contain($"'build' '{w.Repo.Path_("recipes", w.AppProject)}'"));
        Assert.That(appScript, Does.Contain("'-p:CondaScheduler=Local' '-p:CondaBuildTasksFromSource=false' '-p:BuildProjectReferences=false'"));
        Assert.That(appScript, Does.Contain("'-p:AppVersion=1.0'"));

        Assert.That(WiringRepo.SlurmJobNames().Where(n => n.StartsWith(w.Tag, StringComparison.Ordinal)), Is.Empty);
        Assert.That(File.Exists(Path.Combine(w.JobDir, w.BaseJob + ".log")), Is.False);
        Assert.That(w.Packages(), Is.Empty);
    }

    [Test, CancelAfter(300_000)]
    public async Task Ctrl_C_cancels_every_unfinished_job_in_one_call()
    {
        using var w = new WiringRepo(baseSleeps: true);
        var (exitCode, output) = await InterruptedBuild.RunAsync(w.Repo.Root,
            [$"recipes/{w.AppProject}", "-p:CondaScheduler=Slurm", "-p:CondaSchedulerPollMax=2"],
            text => BaseRunsAndAppsWait(w, text),
            TimeSpan.FromMinutes(2));
        TestContext.Out.WriteLine(output);

        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        var ids = new[] { w.BaseJob, w.AppJob("2.0"), w.AppJob("1.0") }.Select(j => JobId(output, j, "slurm")).ToList();
        Assert.That(output, Does.Contain("error CR8304: The build was cancelled; 3 unfinished slurm job(s) were cancelled in one call: " +
            $"{w.BaseJob} ({ids[0]}), {w.AppJob("2.0")} ({ids[1]}), {w.AppJob("1.0")} ({ids[2]})."));
        // Gone from the queue, the running one included.
        Assert.That(await RemainingInSqueue(ids), Is.Empty);
        Assert.That(w.Packages(), Is.Empty);
    }

    [Test, CancelAfter(300_000)]
    public async Task SIGTERM_to_the_process_group_cancels_every_unfinished_job_as_Ctrl_C_does()
    {
        using var w = new WiringRepo(baseSleeps: true);
        // As `timeout` or a batch system stops a build: SIGTERM to every process of its group.
        var (exitCode, output) = await InterruptedBuild.RunAsync(w.Repo.Root,
            [$"recipes/{w.AppProject}", "-p:CondaScheduler=Slurm", "-p:CondaSchedulerPollMax=2"],
            text => BaseRunsAndAppsWait(w, text),
            TimeSpan.FromMinutes(2), new InterruptedBuild.Signal("TERM", WholeGroup: true));
        TestContext.Out.WriteLine(output);

        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        var ids = new[] { w.BaseJob, w.AppJob("2.0"), w.AppJob("1.0") }.Select(j => JobId(output, j, "slurm")).ToList();
        Assert.That(output, Does.Contain("error CR8304: The build was cancelled; 3 unfinished slurm job(s) were cancelled in one call"));
        Assert.That(await RemainingInSqueue(ids), Is.Empty, "squeue still lists jobs of the stopped build");
        Assert.That(w.Packages(), Is.Empty);
    }
    /// <summary>When to interrupt: the base job is running (its script started) and the app jobs wait for it.</summary>
    private static bool BaseRunsAndAppsWait(WiringRepo w, string output)
    {
        var baseLog = Path.Combine(w.JobDir, w.BaseJob + ".log");
        return output.Contains($"{w.AppJob("1.0")}: submitted as slurm job", StringComparison.Ordinal) &&
               File.Exists(baseLog) && File.ReadAllText(baseLog).Contains("==== condarecipes job start", StringComparison.Ordinal);
    }

    /// <summary>The jobs of <paramref name="ids"/> squeue still lists after up to 30 s (a cancelled job leaves it shortly after).</summary>
    private static async Task<IReadOnlyList<string>> RemainingInSqueue(IReadOnlyList<string> ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (LocalSlurm.ActiveInSqueue(ids).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        return LocalSlurm.ActiveInSqueue(ids);
    }
}
