using System.Text.Json;
using System.Text.Json.Serialization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Reading;

/// <summary>
/// Reads a <c>repodata.json</c> (docs/channels.md) into records with <see cref="PackageRecord.FileName"/>,
/// <see cref="PackageRecord.Channel"/> and a subdir set. When the same package is listed as both
/// <c>.tar.bz2</c> and <c>.conda</c>, only the <c>.conda</c> record is kept, as conda does.
/// </summary>
public static class RepodataReader
{
    private sealed class RepodataFile
    {
        [JsonPropertyName("info")] public RepodataInfo? Info { get; set; }
        [JsonPropertyName("packages")] public Dictionary<string, PackageRecord>? Packages { get; set; }
        [JsonPropertyName("packages.conda")] public Dictionary<string, PackageRecord>? PackagesConda { get; set; }
    }

    private sealed class RepodataInfo
    {
        [JsonPropertyName("subdir")] public string? Subdir { get; set; }
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads repodata from <paramref name="stream"/>; <paramref name="source"/> names the file in errors.</summary>
    public static List<PackageRecord> Read(Stream stream, string channel, string subdir, string source)
    {
        RepodataFile? file;
        try { file = JsonSerializer.Deserialize<RepodataFile>(stream, Options); }
        catch (JsonException e)
        {
            throw new CondaRecipesException(ChannelErrorCodes.InvalidRepodata,
                $"Invalid repodata: {e.Message}", file: source, line: (int)((e.LineNumber ?? -1) + 1),
                hint: "Re-index the channel; every record needs name, version and build.", inner: e);
        }
        if (file is null)
            throw new CondaRecipesException(ChannelErrorCodes.InvalidRepodata, "Invalid repodata: the file holds 'null'.",
                file: source, hint: "Re-index the channel.");

        var records = new List<PackageRecord>((file.Packages?.Count ?? 0) + (file.PackagesConda?.Count ?? 0));
        var fileSubdir = file.Info?.Subdir ?? subdir;
        HashSet<string>? condaStems = null;
        if (file.PackagesConda is not null)
        {
            condaStems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (fn, record) in file.PackagesConda)
            {
                condaStems.Add(fn.EndsWith(".conda", StringComparison.Ordinal) ? fn[..^6] : fn);
                records.Add(Complete(record, fn, channel, fileSubdir, source));
            }
        }
        if (file.Packages is not null)
            foreach (var (fn, record) in file.Packages)
            {
                var stem = fn.EndsWith(".tar.bz2", StringComparison.Ordinal) ? fn[..^8] : fn;
                if (condaStems?.Contains(stem) == true) continue;
                records.Add(Complete(record, fn, channel, fileSubdir, source));
            }
        return records;
    }

    private static PackageRecord Complete(PackageRecord record, string fileName, string channel, string subdir, string source)
    {
        if (string.IsNullOrEmpty(record.Name) || string.IsNullOrEmpty(record.Version) || record.Build is null)
            throw new CondaRecipesException(ChannelErrorCodes.InvalidRepodata,
                $"Invalid repodata: record '{fileName}' lacks a name, version or build.", file: source,
                hint: "Re-index the channel.");
        return record with
        {
            FileName = fileName, Channel = channel, Subdir = record.Subdir ?? subdir,
            Depends = record.Depends ?? [], Constrains = record.Constrains ?? [],
        };
    }
}
