using System.Text.Json.Serialization;

namespace CondaRecipes.Channels;

/// <summary>
/// One package in a channel: the archive's <c>info/index.json</c> plus the archive's own md5, sha256 and
/// size, as it appears under <c>packages</c>/<c>packages.conda</c> in <c>repodata.json</c>
/// (docs/package-format.md and docs/channels.md). Shared by the index writer, channel readers and the resolver.
/// </summary>
public sealed record PackageRecord
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("build")] public required string Build { get; init; }
    [JsonPropertyName("build_number")] public long BuildNumber { get; init; }
    [JsonPropertyName("depends")] public IReadOnlyList<string> Depends { get; init; } = [];
    [JsonPropertyName("constrains")] public IReadOnlyList<string> Constrains { get; init; } = [];
    [JsonPropertyName("subdir")] public string? Subdir { get; init; }
    [JsonPropertyName("noarch")] public string? Noarch { get; init; }
    [JsonPropertyName("license")] public string? License { get; init; }
    [JsonPropertyName("license_family")] public string? LicenseFamily { get; init; }
    [JsonPropertyName("track_features")] public string? TrackFeatures { get; init; }
    /// <summary>Unix time in milliseconds, as conda writes it.</summary>
    [JsonPropertyName("timestamp")] public long? Timestamp { get; init; }
    [JsonPropertyName("md5")] public string? Md5 { get; init; }
    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }

    /// <summary>The archive file name (key in repodata); not serialised inside the record.</summary>
    [JsonIgnore] public string? FileName { get; init; }

    /// <summary>Where the record came from (channel URL or a host external); not serialised.</summary>
    [JsonIgnore] public string? Channel { get; init; }
}
