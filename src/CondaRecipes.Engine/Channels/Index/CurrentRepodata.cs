using System.Text.Json.Nodes;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// Builds current_repodata.json, the small repodata conda tries first. An approximation of conda-index's:
/// every build of the newest version of each package name is kept (builds differ by variant, e.g. one per
/// Python), and then, for each kept record's dependency that pins a version this channel has only in an older
/// form (<c>name ==1.2</c>, <c>name 1.2</c>, <c>name 1.2.*</c>), the newest matching record of that name is added,
/// repeatedly until nothing changes. Range constraints are not evaluated; when the small file cannot solve,
/// conda falls back to repodata.json, which is always complete.
/// </summary>
internal static class CurrentRepodata
{
    internal static IReadOnlyDictionary<string, JsonObject> Select(IReadOnlyDictionary<string, JsonObject> records)
    {
        var byName = records.GroupBy(r => (string)r.Value["name"]!)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => (string)r.Value["version"]!, Specs.VersionStringComparer.Instance)
                .ThenByDescending(r => (long?)r.Value["build_number"] ?? 0).ToList());

        var kept = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var queue = new Queue<KeyValuePair<string, JsonObject>>();
        foreach (var (_, list) in byName)
        {
            var newest = (string)list[0].Value["version"]!;
            foreach (var r in list.Where(r => (string)r.Value["version"]! == newest)) queue.Enqueue(r);
        }

        while (queue.TryDequeue(out var item))
        {
            if (!kept.TryAdd(item.Key, item.Value)) continue;
            foreach (var dep in item.Value["depends"]?.AsArray().Select(d => (string?)d) ?? [])
            {
                var (name, pin) = ParsePin(dep);
                if (pin is null || !byName.TryGetValue(name, out var candidates)) continue;
                if (kept.Values.Any(k => (string)k["name"]! == name && Matches((string)k["version"]!, pin))) continue;
                var match = candidates.FirstOrDefault(c => Matches((string)c.Value["version"]!, pin));
                if (match.Value is not null) queue.Enqueue(match);
            }
        }
        return kept;
    }

    /// <summary>The name and an exact or prefix pin (<c>1.2</c>, <c>1.2.*</c>), or a null pin for anything else.</summary>
    private static (string Name, string? Pin) ParsePin(string? spec)
    {
        var parts = (spec ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return (parts.ElementAtOrDefault(0) ?? "", null);
        var v = parts[1].StartsWith("==", StringComparison.Ordinal) ? parts[1][2..] : parts[1];
        return v.IndexOfAny(['<', '>', '!', '|', ',', '~', '=']) >= 0 ? (parts[0], null) : (parts[0], v);
    }

    private static bool Matches(string version, string pin) =>
        pin.EndsWith(".*", StringComparison.Ordinal) || pin.EndsWith('*')
            ? version.StartsWith(pin.TrimEnd('*'), StringComparison.Ordinal) || version == pin[..^2]
            : version == pin;
}
