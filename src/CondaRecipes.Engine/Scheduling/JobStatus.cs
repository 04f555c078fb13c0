namespace CondaRecipes.Scheduling;

/// <summary>Where a job is in its life, as far as the scheduler says.</summary>
public enum JobState
{
    /// <summary>Queued or held, not started.</summary>
    Pending,
    Running,
    /// <summary>Ended; the exit code says how.</summary>
    Finished,
    /// <summary>The scheduler no longer knows the id (purged from history, or never accepted).</summary>
    Gone,
}

/// <summary>One job's status from one scheduler query.</summary>
/// <param name="ExitCode">The job's exit code when the scheduler reports one; null when it does not.</param>
/// <param name="Reason">A readable reason for an abnormal end ("walltime exceeded", "cancelled", ...).</param>
/// <param name="Node">Host(s) the job ran on, when known.</param>
/// <param name="NeverRan">True when the job ended without running (dependency failed, cancelled while queued).</param>
public sealed record JobStatus(string JobId, JobState State, int? ExitCode = null, string? Reason = null,
    string? Node = null, bool NeverRan = false);
