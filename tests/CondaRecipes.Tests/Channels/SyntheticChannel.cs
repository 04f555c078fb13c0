using System.Text.Json;
using CondaRecipes.Channels;

namespace CondaRecipes.Tests.Channels;

/// <summary>Writes a channel directory (<c>&lt;subdir&gt;/repodata.json</c> and <c>noarch/repodata.json</c>) from records.</summary>
internal static class SyntheticChannel
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>Writes <paramref name="records"/> (by their subdir, default linux-64) under <paramref name="directory"/>.</summary>
    public static string Write(string directory, IEnumerable<PackageRecord> records, bool withNoarch = true)
    {
        var bySubdir = records.GroupBy(r => r.Subdir ?? "linux-64").ToDictionary(g => g.Key, g => g.ToList());
        if (withNoarch) bySubdir.TryAdd("noarch", []);
        bySubdir.TryAdd("linux-64", []);
        foreach (var (subdir, list) in bySubdir)
        {
            if (subdir == "noarch" && !withNoarch) continue;
            Directory.CreateDirectory(Path.Combine(directory, subdir));
            var packages = list.ToDictionary(r => r.FileName ?? $"{r.Name}-{r.Version}-{r.Build}.conda",
                r => r with { Subdir = subdir });
            var doc = new Dictionary<string, object>
            {
                ["info"] = new Dictionary<string, string> { ["subdir"] = subdir },
                ["packages"] = new Dictionary<string, PackageRecord>(),
                ["packages.conda"] = packages,
                ["repodata_version"] = 1,
                ["removed"] = Array.Empty<string>(),
            };
            File.WriteAllText(Path.Combine(directory, subdir, "repodata.json"), JsonSerializer.Serialize(doc, Options));
        }
        return directory;
    }

    public static PackageRecord Rec(string name, string version, string build, long buildNumber = 0,
        string[]? depends = null, string[]? constrains = null, long? timestamp = null, string? subdir = null) =>
        new()
        {
            Name = name, Version = version, Build = build, BuildNumber = buildNumber,
            Depends = depends ?? [], Constrains = constrains ?? [], Timestamp = timestamp, Subdir = subdir,
        };
}
