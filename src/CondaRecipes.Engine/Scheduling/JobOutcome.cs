namespace CondaRecipes.Scheduling;

/// <summary>How a job ended.</summary>
public enum JobResult
{
    /// <summary>Exit code 0.</summary>
    Succeeded,
    /// <summary>Ran and failed: non-zero exit, killed, walltime or memory limit.</summary>
    Failed,
    /// <summary>Never ran because a job it depends on failed (or it was removed while queued).</summary>
    NotRun,
    /// <summary>Cancelled through the monitor's CancellationToken.</summary>
    Cancelled,
}

/// <summary>The end of one job, as reported to the build.</summary>
/// <param name="ExitCode">From the job's sentinel file when it wrote one, else the scheduler's; null when neither knows.</param>
/// <param name="Reason">Readable cause when not succeeded: "exit code 3", "walltime exceeded", "not run (dependency failed: a)".</param>
/// <param name="Duration">Run time from the script's start/end markers, else as observed by the monitor.</param>
/// <param name="LogTail">The last lines of the log (30 by default).</param>
public sealed record JobOutcome(string JobId, string Name, JobResult Result, int? ExitCode, string? Reason,
    string? Node, TimeSpan Duration, string LogPath, IReadOnlyList<string> LogTail)
{
    public bool Succeeded => Result == JobResult.Succeeded;

    public override string ToString() =>
        $"{Name} ({JobId}): {Result}{(Reason is null ? "" : $", {Reason}")}{(Node is null ? "" : $" on {Node}")}, {Duration.TotalSeconds:0.0} s, log {LogPath}";
}

/// <summary>A job the monitor follows: its id from submission and the spec it was submitted with.</summary>
public sealed record SubmittedJob(string JobId, JobSpec Spec);
