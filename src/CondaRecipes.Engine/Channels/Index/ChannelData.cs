using System.Text.Json.Nodes;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// Builds channeldata.json: per package name, facts of its newest version (summary, home, license,
/// prefix and link-script flags, run_exports by version) and the subdirs that carry it. Timestamps are in
/// seconds here, unlike repodata's milliseconds, as conda-index writes them.
/// </summary>
internal static class ChannelData
{
    internal static JsonObject Build(IReadOnlyDictionary<string, Dictionary<string, IndexedPackage>> subdirs)
    {
        var byName = subdirs
            .SelectMany(s => s.Value.Values.Select(p => (Subdir: s.Key, Package: p)))
            .GroupBy(x => (string)x.Package.Record["name"]!)
            .OrderBy(g => g.Key, StringComparer.Ordinal);

        var packages = new JsonObject();
        foreach (var group in byName)
        {
            var newest = group.OrderByDescending(x => (string)x.Package.Record["version"]!, Specs.VersionStringComparer.Instance)
                .ThenByDescending(x => (long?)x.Package.Record["timestamp"] ?? 0).First().Package;
            var entry = (JsonObject)newest.ChannelData.DeepClone();
            var runExports = new JsonObject();
            foreach (var x in group.OrderBy(x => (string)x.Package.Record["version"]!, Specs.VersionStringComparer.Instance))
                if (x.Package.ChannelData["run_exports"] is JsonObject { Count: > 0 } re)
                    runExports[(string)x.Package.Record["version"]!] = re.DeepClone();
            entry["run_exports"] = runExports;
            entry["subdirs"] = new JsonArray(group.Select(x => x.Subdir).Distinct().Order(StringComparer.Ordinal).Select(s => (JsonNode?)s).ToArray());
            entry["version"] = (string)newest.Record["version"]!;
            var ts = group.Max(x => (long?)x.Package.Record["timestamp"] ?? 0);
            if (ts > 0) entry["timestamp"] = ts > 100_000_000_000 ? ts / 1000 : ts;
            packages[group.Key] = Packaging.JsonFiles.Sorted(entry);
        }

        return new JsonObject
        {
            ["channeldata_version"] = 1,
            ["packages"] = packages,
            ["subdirs"] = new JsonArray(subdirs.Keys.Order(StringComparer.Ordinal).Select(s => (JsonNode?)s).ToArray()),
        };
    }
}
