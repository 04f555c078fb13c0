using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// scheduler-overhead: on the local Slurm (eng/slurm/start.sh), 20 short jobs through the engine
/// (BatchJob + SlurmBackend + JobMonitor with its default polling) and 20 through plain `sbatch`
/// followed by a plain `squeue` loop (1 s), in the same run. For each job the latency is the time from
/// the job's real end (the mtime of the sentinel its script writes) to the moment the submitter knew it
/// had ended. Then a small dependency graph (two chains of three 2-s jobs, fanned into a fourth) against
/// its critical path.
/// </summary>
public sealed class SchedulerOverheadBenchmark : IBenchmark
{
    private const int JobCount = 20;
    private static readonly TimeSpan PlainPollInterval = TimeSpan.FromSeconds(1);

    public string Name => "scheduler-overhead";

    public void Run(string scratchDir, BenchmarkReport report) => RunAsync(scratchDir, report).GetAwaiter().GetResult();

    private static async Task RunAsync(string scratchDir, BenchmarkReport report)
    {
        await StartSlurmAsync();

        var engine = await EngineLatenciesAsync(Path.Combine(scratchDir, "engine"));
        var plain = await PlainLatenciesAsync(Path.Combine(scratchDir, "plain"));
        report.Add("scheduler-overhead", $"engine: end-to-known latency, mean of {JobCount} jobs", Seconds(engine.Average()));
        report.Add("scheduler-overhead", $"engine: end-to-known latency, max", Seconds(engine.Max()));
        report.Add("scheduler-overhead", $"sbatch + squeue (1 s): latency, mean of {JobCount} jobs", Seconds(plain.Average()));
        report.Add("scheduler-overhead", $"sbatch + squeue (1 s): latency, max", Seconds(plain.Max()));
        var added = engine.Average() - plain.Average();
        report.Add("scheduler-overhead", "engine latency added per job (mean)", Seconds(added), "< 1 s", added < 1.0);

        var (wall, critical) = await GraphAsync(Path.Combine(scratchDir, "graph"));
        report.Add("scheduler-overhead", "graph 2 chains x3 + fan-in: critical path", Seconds(critical));
        report.Add("scheduler-overhead", "graph 2 chains x3 + fan-in: wall time", Seconds(wall));
        report.Add("scheduler-overhead", "graph wall time / critical path", $"{wall / critical:0.00}x");
    }

    private static string Seconds(double s) => s.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static async Task<List<double>> EngineLatenciesAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var backend = new SlurmBackend();
        var specs = Enumerable.Range(1, JobCount)
            .Select(i => BatchJob.Prepare(dir, $"engine{i:00}", ["/bin/true"], dir) with { Cpus = 1, Walltime = TimeSpan.FromMinutes(5) })
            .ToList();
        var known = new ConcurrentDictionary<string, DateTime>();
        var submitted = new List<SubmittedJob>();
        foreach (var spec in specs)
            submitted.Add(new SubmittedJob(await backend.SubmitAsync(spec), spec));
        var outcomes = await new JobMonitor(backend) { OnJobCompleted = o => known[o.Name] = DateTime.UtcNow }.WaitAsync(submitted);
        if (outcomes.Any(o => !o.Succeeded))
            throw new InvalidOperationException("engine jobs failed: " + string.Join("; ", outcomes.Where(o => !o.Succeeded)));
        return specs.Select(s => (known[s.Name] - File.GetLastWriteTimeUtc(s.SentinelPath)).TotalSeconds).ToList();
    }

    private static async Task<List<double>> PlainLatenciesAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var specs = Enumerable.Range(1, JobCount)
            .Select(i => BatchJob.Prepare(dir, $"plain{i:00}", ["/bin/true"], dir)).ToList();
        var ids = new Dictionary<string, JobSpec>();
        foreach (var spec in specs)
        {
            var r = await Cli.Wrap("sbatch").WithArguments(["--parsable", "-o", spec.LogPath, "-c", "1", "-t", "5", spec.ScriptPath])
                .ExecuteBufferedAsync();
            ids[r.StandardOutput.Trim().Split(';')[0]] = spec;
        }
        var known = new Dictionary<string, DateTime>();
        while (known.Count < ids.Count)
        {
            await Task.Delay(PlainPollInterval);
            var r = await Cli.Wrap("squeue").WithArguments(["-h", "-t", "all", "-j", string.Join(',', ids.Keys), "-o", "%i %T"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            var now = DateTime.UtcNow;
            var states = r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')).ToDictionary(f => f[0], f => f[1]);
            foreach (var id in ids.Keys.Where(id => !known.ContainsKey(id)))
                if (!states.TryGetValue(id, out var state) || state is not ("PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING"))
                    known[id] = now;
        }
        return ids.Select(kv => (known[kv.Key] - File.GetLastWriteTimeUtc(kv.Value.SentinelPath)).TotalSeconds).ToList();
    }

    private static async Task<(double Wall, double Critical)> GraphAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        const double jobSeconds = 2;
        PlannedJob Job(string name, params string[] deps) =>
            new(BatchJob.Prepare(dir, name, ["/bin/sleep", jobSeconds.ToString(CultureInfo.InvariantCulture)], dir)
                with { Cpus = 1, Walltime = TimeSpan.FromMinutes(5) }, deps);
        var plan = new List<PlannedJob>
        {
            Job("a1"), Job("a2", "a1"), Job("a3", "a2"),
            Job("b1"), Job("b2", "b1"), Job("b3", "b2"),
            Job("join", "a3", "b3"),
        };
        var backend = new SlurmBackend();
        var clock = Stopwatch.StartNew();
        var submitted = await BatchSubmission.SubmitAllAsync(backend, plan);
        var outcomes = await new JobMonitor(backend).WaitAsync(submitted);
        var wall = clock.Elapsed.TotalSeconds;
        if (outcomes.Any(o => !o.Succeeded))
            throw new InvalidOperationException("graph jobs failed: " + string.Join("; ", outcomes.Where(o => !o.Succeeded)));
        return (wall, 4 * jobSeconds);
    }

    private static async Task StartSlurmAsync()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "eng", "slurm", "start.sh"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("eng/slurm/start.sh not found above " + AppContext.BaseDirectory);
        var r = await Cli.Wrap("/bin/bash").WithArguments([Path.Combine(dir.FullName, "eng", "slurm", "start.sh")])
            .WithEnvironmentVariables(e => e.Set("CI", "true")).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (r.ExitCode != 0)
            throw new InvalidOperationException("Slurm could not be started: " + r.StandardOutput + r.StandardError);
        Console.WriteLine("  " + r.StandardOutput.Trim());
    }
}
