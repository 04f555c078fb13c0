namespace CondaRecipes.Scheduling;

/// <summary>Parses squeue, scontrol and sacct output into <see cref="JobStatus"/>.</summary>
public static class SlurmStatusParser
{
    /// <summary>Lines of <c>squeue -h -o '%i|%T|%N|%r'</c>.</summary>
    public static IEnumerable<JobStatus> ParseSqueue(string output)
    {
        foreach (var line in Lines(output))
        {
            var f = line.Split('|');
            if (f.Length < 4) throw new SchedulerQueryException($"Unexpected squeue line '{line}'.");
            yield return FromState(f[0], f[1], null, f[2], f[3]);
        }
    }

    /// <summary>Lines of <c>sacct -X -P -n -o JobID,State,ExitCode,NodeList,Elapsed</c>.</summary>
    public static IEnumerable<JobStatus> ParseSacct(string output)
    {
        foreach (var line in Lines(output))
        {
            var f = line.Split('|');
            if (f.Length < 4) throw new SchedulerQueryException($"Unexpected sacct line '{line}'.");
            // "CANCELLED by 0" → CANCELLED
            var state = f[1].Split(' ')[0];
            yield return FromState(f[0], state, f[2], f[3], null);
        }
    }

    /// <summary>Lines of <c>scontrol show job -o</c> (one job per line, Key=Value words).</summary>
    public static IEnumerable<JobStatus> ParseScontrol(string output)
    {
        foreach (var line in Lines(output))
        {
            var fields = new Dictionary<string, string>();
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = word.IndexOf('=');
                if (eq > 0) fields.TryAdd(word[..eq], word[(eq + 1)..]);
            }
            if (!fields.TryGetValue("JobId", out var id) || !fields.TryGetValue("JobState", out var state))
                throw new SchedulerQueryException($"Unexpected scontrol line '{line}'.");
            yield return FromState(id, state, fields.GetValueOrDefault("ExitCode"), fields.GetValueOrDefault("NodeList"),
                fields.GetValueOrDefault("Reason"));
        }
    }

    private static JobStatus FromState(string id, string state, string? exitCode, string? nodes, string? slurmReason)
    {
        var node = nodes is null or "" or "(null)" or "None assigned" ? null : nodes;
        var (jobState, reason) = state switch
        {
            "PENDING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" => (JobState.Pending, null),
            "RUNNING" or "COMPLETING" or "SUSPENDED" or "STOPPED" or "RESIZING" or "SIGNALING" or "STAGE_OUT" => (JobState.Running, null),
            "COMPLETED" => (JobState.Finished, null),
            "FAILED" => (JobState.Finished, null),
            "TIMEOUT" => (JobState.Finished, "walltime exceeded"),
            "CANCELLED" => (JobState.Finished, slurmReason is "DependencyNeverSatisfied" ? "dependency never satisfied" : "cancelled"),
            "OUT_OF_MEMORY" => (JobState.Finished, "memory limit exceeded"),
            "NODE_FAIL" => (JobState.Finished, "node failure"),
            "BOOT_FAIL" => (JobState.Finished, "node boot failure"),
            "PREEMPTED" => (JobState.Finished, "preempted"),
            "DEADLINE" => (JobState.Finished, "deadline reached"),
            _ => (JobState.Finished, $"Slurm state {state}"),
        };
        int? code = null;
        if (exitCode is not null && exitCode.Split(':') is [var rc, var sig] && int.TryParse(rc, out var r) && int.TryParse(sig, out var s))
        {
            code = s != 0 ? 128 + s : r;
            if (s != 0 && reason is null) reason = $"killed by signal {s}";
        }
        var neverRan = jobState == JobState.Finished && node is null;
        return new JobStatus(id, jobState, code, reason, node, neverRan);
    }

    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
