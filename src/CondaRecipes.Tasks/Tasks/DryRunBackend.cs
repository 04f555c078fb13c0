using CondaRecipes.Scheduling;

namespace CondaRecipes.Tasks;

/// <summary>
/// Stands in for a scheduler when <c>CondaSchedulerDryRun</c> is true: "submits" by reporting the exact
/// qsub/sbatch command line and answers a placeholder id <c>{job-name}</c>, so dependent jobs show whose id
/// their afterok would name. Nothing reaches the batch system.
/// </summary>
internal sealed class DryRunBackend(string scheduler, Action<JobSpec, IReadOnlyList<string>> report) : ISchedulerBackend
{
    public string Name => scheduler;

    public Task<string> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        report(spec, SubmitCommand(scheduler, spec));
        return Task.FromResult("{" + spec.Name + "}");
    }

    /// <summary>The submit command as the real backend would run it (program first).</summary>
    public static IReadOnlyList<string> SubmitCommand(string scheduler, JobSpec spec) => scheduler == "pbs"
        ? ["qsub", .. PbsBackend.BuildSubmitArguments(spec, PbsAccount.Resolve(spec.Account))]
        : ["sbatch", .. SlurmBackend.BuildSubmitArguments(spec)];

    public Task<IReadOnlyDictionary<string, JobStatus>> QueryAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A dry run has no jobs to query.");

    public Task CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
