namespace CondaRecipes.Scheduling;

/// <summary>
/// One batch system. A query returns what it knows; an id missing from the answer is unknown this time
/// (not finished). A query that fails throws <see cref="SchedulerQueryException"/>, which the monitor
/// counts as "unknown" until too many failures follow in a row.
/// </summary>
public interface ISchedulerBackend
{
    /// <summary>"pbs" or "slurm".</summary>
    string Name { get; }

    /// <summary>Submits the job script and returns the job id. Retries transient failures; throws a coded error on rejection.</summary>
    Task<string> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Status of all <paramref name="jobIds"/> with as few scheduler calls as possible (one per poll).</summary>
    Task<IReadOnlyDictionary<string, JobStatus>> QueryAsync(IReadOnlyCollection<string> jobIds,
        CancellationToken cancellationToken = default);

    /// <summary>Cancels all <paramref name="jobIds"/> in one call.</summary>
    Task CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default);
}

/// <summary>A status query that failed (timeout, controller down, unparsable answer).</summary>
public sealed class SchedulerQueryException(string message) : Exception(message);
