namespace CondaRecipes.Scheduling;

/// <summary>
/// Stands in for a scheduler when <c>CondaSchedulerDryRun</c> is true: "submits" by reporting the exact
/// qsub/sbatch command line and answers a placeholder id <c>{job-name}</c>, so dependent jobs show whose id
/// their afterok would name. Nothing reaches the batch system.
/// </summary>
public sealed class DryRunBackend(SchedulerKind scheduler, Action<JobSpec, IReadOnlyList<string>> report) : ISchedulerBackend
{
    public string Name { get; } = scheduler.Backend().Name;

    public Task<string> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        report(spec, SubmitCommand(scheduler, spec));
        return Task.FromResult("{" + spec.Name + "}");
    }

    /// <summary>The submit command as the real backend would run it (program first).</summary>
    public static IReadOnlyList<string> SubmitCommand(SchedulerKind scheduler, JobSpec spec) => scheduler switch
    {
        SchedulerKind.Pbs => ["qsub", .. PbsBackend.BuildSubmitArguments(spec, PbsAccount.Resolve(spec.Account))],
        _ => ["sbatch", .. SlurmBackend.BuildSubmitArguments(spec)],
    };

    public Task<IReadOnlyDictionary<string, JobStatus>> QueryAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A dry run has no jobs to query.");

    public Task CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
