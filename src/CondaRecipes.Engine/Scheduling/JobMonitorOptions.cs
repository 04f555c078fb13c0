namespace CondaRecipes.Scheduling;

/// <summary>Timing of <see cref="JobMonitor"/>. The defaults suit real clusters; tests use small values.</summary>
public sealed record JobMonitorOptions
{
    /// <summary>First interval between status queries.</summary>
    public TimeSpan InitialPollInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// Longest interval between status queries. Keep it ≤ 60 s and ≤ half of Slurm's MinJobAge, or a
    /// finished job may vanish between two queries (the sentinel file still gives its exit code).
    /// </summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Factor applied to the poll interval after each query.</summary>
    public double BackoffFactor { get; init; } = 1.5;
    /// <summary>Failed status queries in a row that end the wait with an error (fewer mean "unknown").</summary>
    public int MaxConsecutiveQueryFailures { get; init; } = 5;
    /// <summary>How often logs are read and sentinel files looked for (cheap local file checks).</summary>
    public TimeSpan FileCheckInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How long after a job ended its log may take to appear (PBS copies it back after the job).</summary>
    public TimeSpan LogGraceTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long after the log exists the sentinel may take to appear (shared file systems lag).</summary>
    public TimeSpan SentinelGraceTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Log lines kept in <see cref="JobOutcome.LogTail"/>.</summary>
    public int LogTailLines { get; init; } = 30;
    /// <summary>Time allowed for the cancel command after the CancellationToken fired.</summary>
    public TimeSpan CancelTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
