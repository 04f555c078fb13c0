using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// PBS Pro (and Debian's PBS-syntax wrappers over Slurm): <c>qsub</c> with every resource in ONE
/// comma-joined <c>-l</c> (the wrappers keep only the last <c>-l</c>), status from
/// <c>qstat -xf -F json</c>, falling back for good to <c>qstat -f</c> text when the qstat in front of us
/// rejects <c>-F json</c> (the wrappers; their text has no exit status, so the sentinel decides).
/// </summary>
public sealed class PbsBackend(CommandRunner? runner = null) : ISchedulerBackend
{
    private readonly CommandRunner _runner = runner ?? new CommandRunner();
    private volatile bool _textStatus;

    public string Name => "pbs";
    public string QsubCommand { get; init; } = "qsub";
    public string QstatCommand { get; init; } = "qstat";
    public string QdelCommand { get; init; } = "qdel";
    public SubmissionRetry Retry { get; init; } = new();
    /// <summary>
    /// Adds <c>-k oed</c> so PBS Pro writes the log live on the node (needs a shared file system) and it
    /// can be followed while the job runs. Debian's wrappers reject <c>-k</c>, hence off by default.
    /// </summary>
    public bool LiveOutput { get; init; }
    /// <summary>True once qstat turned out not to understand <c>-F json</c>.</summary>
    public bool UsesTextStatus => _textStatus;

    /// <summary>The qsub arguments for <paramref name="spec"/>, script path last. <paramref name="account"/> is already resolved.</summary>
    public static IReadOnlyList<string> BuildSubmitArguments(JobSpec spec, string account, bool liveOutput = false)
    {
        JobSpecValidator.Validate(spec);
        Settings.SchedulerNames.Check(Settings.SchedulerField.PbsAccount, $"Job '{spec.Name}': the PBS account", account, spec.ScriptPath);
        Settings.SchedulerNames.Check(Settings.SchedulerField.PbsQueue, $"Job '{spec.Name}': the PBS queue", spec.Queue ?? "", spec.ScriptPath);
        Settings.SchedulerNames.Check(Settings.SchedulerField.PbsJobPriority, $"Job '{spec.Name}': the PBS job priority", spec.JobPriority ?? "", spec.ScriptPath);
        var args = new List<string> { "-N", spec.Name, "-A", account };
        if (spec.Queue is { Length: > 0 }) args.AddRange(["-q", spec.Queue]);
        var resources = new List<string>();
        if (spec.Walltime is { } t) resources.Add($"walltime={Walltime.Format(t)}");
        var select = string.Create(CultureInfo.InvariantCulture, $"select={spec.Nodes}:ncpus={spec.Cpus ?? 1}");
        if (spec.Gpus is { } g) select += $":ngpus={g}";
        if (spec.MemoryMb is { } m) select += $":mem={m}mb";
        resources.Add(select);
        if (spec.JobPriority is { Length: > 0 } p) resources.Add($"job_priority={p}");
        args.AddRange(["-l", string.Join(',', resources)]);
        args.AddRange(["-j", "oe", "-o", spec.LogPath]);
        if (liveOutput) args.AddRange(["-k", "oed"]);
        if (spec.AfterOk.Count > 0) args.AddRange(["-W", $"depend=afterok:{string.Join(':', spec.AfterOk)}"]);
        switch (spec.PassEnvironment)
        {
            case EnvironmentPassing.All: args.Add("-V"); break;
            case EnvironmentPassing.Names: args.AddRange(["-v", string.Join(',', spec.PassEnvironmentNames)]); break;
        }
        args.AddRange(spec.ExtraArgs);
        args.Add(spec.ScriptPath);
        return args;
    }

    public async Task<string> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        var account = PbsAccount.Resolve(spec.Account);
        var args = BuildSubmitArguments(spec, account, LiveOutput);
        // qsub runs in the work dir: PBS records it as PBS_O_WORKDIR, the wrappers start the job there.
        var result = await Retry.RunAsync(() => _runner.RunAsync(QsubCommand, args, cancellationToken),
            "qsub", spec.ScriptPath, cancellationToken);
        var id = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        if (id.Length == 0 || !char.IsAsciiDigit(id[0]) || id.Contains(' '))
            throw new CondaRecipesException(SchedulingErrorCodes.UnparsableJobId,
                $"qsub answered '{SubmissionRetry.OneLine(result.CombinedOutput)}', which is not a job id.", spec.ScriptPath,
                hint: "Check that 'qsub' is PBS's.");
        return id;
    }

    public async Task<IReadOnlyDictionary<string, JobStatus>> QueryAsync(IReadOnlyCollection<string> jobIds,
        CancellationToken cancellationToken = default)
    {
        if (jobIds.Count == 0) return new Dictionary<string, JobStatus>();
        if (!_textStatus)
        {
            var json = await _runner.RunAsync(QstatCommand, ["-xf", "-F", "json", .. jobIds], cancellationToken);
            if (json.StandardOutput.TrimStart().StartsWith('{'))
                return Match(jobIds, PbsStatusParser.ParseJson(json.StandardOutput));
            if (json.ExitCode != 0 && IsUsageError(json.CombinedOutput))
                _textStatus = true;
            else
                return Interpret(jobIds, json, "qstat -xf -F json");
        }
        var text = await _runner.RunAsync(QstatCommand, ["-f", .. jobIds], cancellationToken);
        if (text.ExitCode == 0 || text.StandardOutput.Contains("Job Id:", StringComparison.Ordinal))
            return Match(jobIds, PbsStatusParser.ParseText(text.StandardOutput));
        return Interpret(jobIds, text, "qstat -f");
    }

    /// <summary>What a qstat failure without parsable output means, by PBS's exit codes.</summary>
    private static Dictionary<string, JobStatus> Interpret(IReadOnlyCollection<string> jobIds, CommandResult r, string what) =>
        r.ExitCode switch
        {
            // 153: unknown job id (purged from history, or never existed).
            153 => jobIds.ToDictionary(id => id, id => new JobStatus(id, JobState.Gone)),
            // 35: finished but history not requested/enabled: finished, exit code from the sentinel.
            35 => jobIds.ToDictionary(id => id, id => new JobStatus(id, JobState.Finished)),
            // 255 and everything else: server trouble, the answer is "unknown" this time.
            _ => throw new SchedulerQueryException($"{what} failed (exit {r.ExitCode}): {SubmissionRetry.OneLine(r.CombinedOutput)}"),
        };

    private static bool IsUsageError(string output) =>
        output.Contains("Unknown option", StringComparison.OrdinalIgnoreCase) ||
        output.Contains("usage", StringComparison.OrdinalIgnoreCase) ||
        output.Contains("invalid option", StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps answers back to the ids we submitted (qstat may print a longer server suffix).</summary>
    private static Dictionary<string, JobStatus> Match(IReadOnlyCollection<string> jobIds, IEnumerable<JobStatus> answers)
    {
        var byShort = new Dictionary<string, JobStatus>();
        foreach (var a in answers) byShort[PbsStatusParser.ShortId(a.JobId)] = a;
        return jobIds.ToDictionary(id => id, id => byShort.TryGetValue(PbsStatusParser.ShortId(id), out var s)
            ? s with { JobId = id }
            : new JobStatus(id, JobState.Gone));
    }

    public async Task CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        if (jobIds.Count == 0) return;
        var result = await _runner.RunAsync(QdelCommand, [.. jobIds], cancellationToken);
        // qdel exits non-zero when some id already finished (PBS 35/153, the wrappers 1); only a failure
        // with no such explanation is an error, and the next poll shows what is still alive.
        if (result.ExitCode != 0 && result.ExitCode is not (1 or 35 or 153))
            throw new CondaRecipesException(SchedulingErrorCodes.CancelFailed,
                $"qdel {string.Join(' ', jobIds)} failed (exit {result.ExitCode}): {SubmissionRetry.OneLine(result.CombinedOutput)}",
                hint: "Delete the jobs by hand with qdel.");
    }
}
