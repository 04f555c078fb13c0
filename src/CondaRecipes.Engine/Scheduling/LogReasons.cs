namespace CondaRecipes.Scheduling;

/// <summary>
/// Reasons the batch system itself writes into a job's output when it kills the job. Used when the
/// status query cannot say why (the PBS wrappers' qstat shows every end as "C").
/// </summary>
public static class LogReasons
{
    public static string? Find(IEnumerable<string> logLines)
    {
        foreach (var line in logLines)
        {
            // slurmstepd: "*** JOB 12 ON node CANCELLED AT 2026-... DUE TO TIME LIMIT ***"
            if (line.Contains("DUE TO TIME LIMIT", StringComparison.Ordinal)) return "walltime exceeded";
            if (line.Contains("DUE TO NODE FAILURE", StringComparison.Ordinal)) return "node failure";
            // pbs_mom: "=>> PBS: job killed: walltime 7230 exceeded limit 7200"
            if (line.Contains("PBS: job killed: walltime", StringComparison.Ordinal)) return "walltime exceeded";
            if (line.Contains("PBS: job killed: mem", StringComparison.Ordinal)) return "memory limit exceeded";
            if (line.Contains("oom-kill", StringComparison.OrdinalIgnoreCase) || line.Contains("Out Of Memory", StringComparison.OrdinalIgnoreCase))
                return "memory limit exceeded";
        }
        return null;
    }
}
