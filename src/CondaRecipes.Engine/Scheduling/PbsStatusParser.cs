using System.Text.Json;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Parses PBS status output: PBS Pro's <c>qstat -xf -F json</c>, and the plain <c>qstat -f</c> text that
/// Debian's wrappers over Slurm print (states Q/R/S/C only, no exit status).
/// </summary>
public static class PbsStatusParser
{
    /// <summary>Job id without the server suffix: <c>1234.desched1</c> → <c>1234</c>; array ids keep their brackets.</summary>
    public static string ShortId(string id) => id.Split('.')[0];

    public static IEnumerable<JobStatus> ParseJson(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new SchedulerQueryException($"qstat -F json printed invalid JSON: {e.Message}"); }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("Jobs", out var jobs))
                return [];   // PBS omits "Jobs" when none of the ids is known
            var list = new List<JobStatus>();
            foreach (var job in jobs.EnumerateObject())
                list.Add(FromJson(job.Name, job.Value));
            return list;
        }
    }

    private static JobStatus FromJson(string id, JsonElement job)
    {
        var state = job.TryGetProperty("job_state", out var s) ? s.GetString() ?? "" : "";
        var node = job.TryGetProperty("exec_host", out var h) ? h.GetString() : null;
        int? exitStatus = job.TryGetProperty("Exit_status", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
        switch (state)
        {
            case "F" or "X":
                if (exitStatus is null)   // deleted before it ran
                    return new JobStatus(id, JobState.Finished, null, "cancelled", node, NeverRan: node is null);
                var (code, reason) = PbsExitStatus.Decode(exitStatus.Value);
                return new JobStatus(id, JobState.Finished, code, reason, node);
            case "R" or "E" or "B" or "S" or "U":
                return new JobStatus(id, JobState.Running, Node: node);
            default:   // Q, H, W, T, M
                return new JobStatus(id, JobState.Pending);
        }
    }

    /// <summary>Blocks of <c>qstat -f</c> text: "Job Id: N" followed by "key = value" lines.</summary>
    public static IEnumerable<JobStatus> ParseText(string text)
    {
        string? id = null;
        var fields = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Job Id:", StringComparison.Ordinal))
            {
                if (id is not null) yield return FromText(id, fields);
                id = line["Job Id:".Length..].Trim();
                fields = new Dictionary<string, string>();
            }
            else if (id is not null && line.IndexOf(" = ", StringComparison.Ordinal) is var eq and > 0)
                fields.TryAdd(line[..eq].Trim(), line[(eq + 3)..].Trim());
        }
        if (id is not null) yield return FromText(id, fields);
    }

    private static JobStatus FromText(string id, Dictionary<string, string> fields)
    {
        var node = fields.GetValueOrDefault("exec_host");
        int? exit = fields.TryGetValue("exit_status", out var x) && int.TryParse(x, out var v) ? v : null;
        return fields.GetValueOrDefault("job_state") switch
        {
            // C is every finished state; the wrappers give no exit status, so the sentinel decides.
            "C" or "F" => new JobStatus(id, JobState.Finished, exit, null, node, NeverRan: node is null),
            "R" or "E" or "S" => new JobStatus(id, JobState.Running, Node: node),
            _ => new JobStatus(id, JobState.Pending),
        };
    }
}
