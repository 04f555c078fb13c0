using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Slurm through its own commands: <c>sbatch --parsable</c>, one <c>squeue</c> per poll for every id,
/// then for jobs that just ended one <c>sacct</c> call (when accounting exists) or <c>scontrol show job</c>
/// per job for the exit code and node. The job's sentinel file stays the final word (see <see cref="JobMonitor"/>).
/// </summary>
public sealed class SlurmBackend(CommandRunner? runner = null) : ISchedulerBackend
{
    private readonly CommandRunner _runner = runner ?? new CommandRunner();
    private bool? _accountingEnabled;

    public string Name => "slurm";
    public string SbatchCommand { get; init; } = "sbatch";
    public string SqueueCommand { get; init; } = "squeue";
    public string ScontrolCommand { get; init; } = "scontrol";
    public string SacctCommand { get; init; } = "sacct";
    public string ScancelCommand { get; init; } = "scancel";
    public SubmissionRetry Retry { get; init; } = new();

    /// <summary>The sbatch arguments for <paramref name="spec"/>, script path last.</summary>
    public static IReadOnlyList<string> BuildSubmitArguments(JobSpec spec)
    {
        JobSpecValidator.Validate(spec);
        Settings.SchedulerNames.Check(Settings.SchedulerField.SlurmAccount, $"Job '{spec.Name}': the Slurm account", spec.Account ?? "", spec.ScriptPath);
        Settings.SchedulerNames.Check(Settings.SchedulerField.SlurmPartition, $"Job '{spec.Name}': the Slurm partition", spec.Queue ?? "", spec.ScriptPath);
        var args = new List<string>
        {
            "--parsable", $"--job-name={spec.Name}", $"--output={spec.LogPath}", $"--chdir={spec.WorkDir}",
        };
        if (spec.Account is { Length: > 0 }) args.Add($"--account={spec.Account}");
        if (spec.Queue is { Length: > 0 }) args.Add($"--partition={spec.Queue}");
        if (spec.Walltime is { } t) args.Add($"--time={Walltime.Format(t)}");
        args.Add($"--nodes={spec.Nodes}");
        if (spec.Cpus is { } c) args.Add($"--cpus-per-task={c}");
        if (spec.Gpus is { } g) args.Add($"--gpus={g}");
        if (spec.MemoryMb is { } m) args.Add($"--mem={m}M");
        if (spec.AfterOk.Count > 0)
        {
            args.Add($"--dependency=afterok:{string.Join(':', spec.AfterOk)}");
            // Without it a job whose dependency failed stays PENDING forever.
            args.Add("--kill-on-invalid-dep=yes");
        }
        switch (spec.PassEnvironment)
        {
            case EnvironmentPassing.All: args.Add("--export=ALL"); break;
            case EnvironmentPassing.Names: args.Add($"--export={string.Join(',', spec.PassEnvironmentNames)}"); break;
        }
        args.AddRange(spec.ExtraArgs);
        args.Add(spec.ScriptPath);
        return args;
    }

    public async Task<string> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        var args = BuildSubmitArguments(spec);
        var result = await Retry.RunAsync(() => _runner.RunAsync(SbatchCommand, args, cancellationToken),
            "sbatch", spec.ScriptPath, cancellationToken);
        return ParseJobId(result.StandardOutput, spec.ScriptPath);
    }

    /// <summary>Parses <c>sbatch --parsable</c> output: <c>jobid[;cluster]</c>.</summary>
    public static string ParseJobId(string stdout, string? scriptPath = null)
    {
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var id = line.Split(';')[0];
        if (id.Length == 0 || !id.All(ch => char.IsAsciiDigit(ch) || ch == '_'))
            throw new CondaRecipesException(SchedulingErrorCodes.UnparsableJobId,
                $"sbatch answered '{line}', which is not a job id.", scriptPath,
                hint: "Check that 'sbatch' is Slurm's and that it was given --parsable.");
        return id;
    }

    public async Task<IReadOnlyDictionary<string, JobStatus>> QueryAsync(IReadOnlyCollection<string> jobIds,
        CancellationToken cancellationToken = default)
    {
        var statuses = new Dictionary<string, JobStatus>();
        if (jobIds.Count == 0) return statuses;
        var result = await _runner.RunAsync(SqueueCommand,
            ["-h", "-t", "all", "-j", string.Join(',', jobIds), "-o", "%i|%T|%N|%r"], cancellationToken);
        if (result.ExitCode != 0)
        {
            // squeue fails only when *every* id is unknown (purged after MinJobAge, or never existed).
            if (result.CombinedOutput.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
                return jobIds.ToDictionary(id => id, id => new JobStatus(id, JobState.Gone));
            throw new SchedulerQueryException($"squeue failed (exit {result.ExitCode}): {SubmissionRetry.OneLine(result.CombinedOutput)}");
        }
        foreach (var status in SlurmStatusParser.ParseSqueue(result.StandardOutput))
            statuses[status.JobId] = status;
        foreach (var id in jobIds)
            statuses.TryAdd(id, new JobStatus(id, JobState.Gone));

        var ended = statuses.Values.Where(s => s.State == JobState.Finished).Select(s => s.JobId).ToList();
        if (ended.Count > 0)
            foreach (var detail in await DetailsAsync(ended, cancellationToken))
                statuses[detail.JobId] = detail;
        return statuses;
    }

    /// <summary>Exit code and node of ended jobs: sacct when accounting exists, else scontrol per job.</summary>
    private async Task<IEnumerable<JobStatus>> DetailsAsync(List<string> ids, CancellationToken ct)
    {
        if (_accountingEnabled != false)
        {
            var sacct = await _runner.RunAsync(SacctCommand,
                ["-X", "-P", "-n", "-j", string.Join(',', ids), "-o", "JobID,State,ExitCode,NodeList,Elapsed"], ct);
            if (sacct.ExitCode == 0)
            {
                _accountingEnabled = true;
                var parsed = SlurmStatusParser.ParseSacct(sacct.StandardOutput).ToList();
                if (parsed.Count > 0) return parsed;
            }
            else if (sacct.CombinedOutput.Contains("accounting storage is disabled", StringComparison.OrdinalIgnoreCase))
                _accountingEnabled = false;
        }
        var details = new List<JobStatus>();
        foreach (var id in ids)
        {
            var show = await _runner.RunAsync(ScontrolCommand, ["show", "job", "-o", id], ct);
            if (show.ExitCode == 0 && SlurmStatusParser.ParseScontrol(show.StandardOutput).FirstOrDefault() is { } s)
                details.Add(s);
        }
        return details;
    }

    public async Task CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        if (jobIds.Count == 0) return;
        var result = await _runner.RunAsync(ScancelCommand, [.. jobIds], cancellationToken);
        // scancel of an already finished job only warns; anything else is a real failure.
        if (result.ExitCode != 0 && !result.CombinedOutput.Contains("already completed", StringComparison.OrdinalIgnoreCase)
                                 && !result.CombinedOutput.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            throw new CondaRecipesException(SchedulingErrorCodes.CancelFailed,
                $"scancel {string.Join(' ', jobIds)} failed: {SubmissionRetry.OneLine(result.CombinedOutput)}",
                hint: "Cancel the jobs by hand with scancel.");
    }
}
