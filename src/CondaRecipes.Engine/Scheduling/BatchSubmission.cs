using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>A job to submit and the names of jobs in the same batch it must wait for (afterok).</summary>
public sealed record PlannedJob(JobSpec Spec, IReadOnlyList<string> DependsOn);

/// <summary>Submits a set of jobs whose dependencies are given by name, in dependency order.</summary>
public static class BatchSubmission
{
    /// <summary>
    /// Submits every job after the jobs it depends on, turning their names into scheduler ids
    /// (<see cref="JobSpec.AfterOk"/>, added to any ids already there). If one submission fails, the jobs
    /// already submitted are cancelled in one call before the error is rethrown, so nothing is left behind.
    /// </summary>
    public static async Task<IReadOnlyList<SubmittedJob>> SubmitAllAsync(ISchedulerBackend backend,
        IReadOnlyList<PlannedJob> jobs, CancellationToken cancellationToken = default)
    {
        var order = TopologicalOrder(jobs);
        var ids = new Dictionary<string, string>();
        var submitted = new List<SubmittedJob>();
        try
        {
            foreach (var job in order)
            {
                var spec = job.Spec with { AfterOk = [.. job.Spec.AfterOk, .. job.DependsOn.Select(n => ids[n])] };
                var id = await backend.SubmitAsync(spec, cancellationToken);
                ids[spec.Name] = id;
                submitted.Add(new SubmittedJob(id, spec));
            }
        }
        catch (Exception) when (submitted.Count > 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await backend.CancelAsync(submitted.Select(s => s.JobId).ToList(), timeout.Token); }
            catch (Exception e) when (e is CondaRecipesException or OperationCanceledException) { }
            throw;
        }
        // Report in the caller's order.
        var byName = submitted.ToDictionary(s => s.Spec.Name);
        return jobs.Select(j => byName[j.Spec.Name]).ToList();
    }

    private static List<PlannedJob> TopologicalOrder(IReadOnlyList<PlannedJob> jobs)
    {
        var byName = new Dictionary<string, PlannedJob>();
        foreach (var job in jobs)
            if (!byName.TryAdd(job.Spec.Name, job))
                throw new CondaRecipesException(SchedulingErrorCodes.InvalidJobSpec,
                    $"Two jobs are named '{job.Spec.Name}'.", job.Spec.ScriptPath, hint: "Give every job a unique name.");
        var order = new List<PlannedJob>();
        var state = new Dictionary<string, int>();   // 1 visiting, 2 done
        void Visit(PlannedJob job, string path)
        {
            switch (state.GetValueOrDefault(job.Spec.Name))
            {
                case 2: return;
                case 1:
                    throw new CondaRecipesException(SchedulingErrorCodes.InvalidJobSpec,
                        $"Job dependencies form a cycle: {path}.", job.Spec.ScriptPath, hint: "Remove one of the dependencies.");
            }
            state[job.Spec.Name] = 1;
            foreach (var dep in job.DependsOn)
            {
                if (!byName.TryGetValue(dep, out var d))
                    throw new CondaRecipesException(SchedulingErrorCodes.InvalidJobSpec,
                        $"Job '{job.Spec.Name}' depends on '{dep}', which is not in the batch.", job.Spec.ScriptPath,
                        hint: "Add that job or remove the dependency.");
                Visit(d, $"{path} -> {dep}");
            }
            state[job.Spec.Name] = 2;
            order.Add(job);
        }
        foreach (var job in jobs) Visit(job, job.Spec.Name);
        return order;
    }
}
