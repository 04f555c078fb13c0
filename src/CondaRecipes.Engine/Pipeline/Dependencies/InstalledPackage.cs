using System.Text.Json.Serialization;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// A channel package installed into a variant's build or host prefix, as the variant's stamp records it: the
/// exact archive (channel, subdir, file name) and its sha256. When that archive changes in its channel (a
/// dependency rebuilt into the local channel), the packages built against the old one are out of date.
/// </summary>
public sealed record InstalledPackage(
    [property: JsonPropertyName("env")] string Environment,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("build")] string Build,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("subdir")] string Subdir,
    [property: JsonPropertyName("fn")] string FileName,
    [property: JsonPropertyName("sha256")] string Sha256)
{
    /// <summary><c>name-version-build</c>, the package's dist name.</summary>
    [JsonIgnore] public string DistName => $"{Name}-{Version}-{Build}";

    /// <summary>The channel packages of both environments (host externals are the host's, not a channel's).</summary>
    public static IReadOnlyList<InstalledPackage> From(ResolvedEnvironments resolved) =>
        resolved.Build.Select(p => Of("build", p)).Concat(resolved.Host.Select(p => Of("host", p)))
            .OfType<InstalledPackage>().ToList();

    private static InstalledPackage? Of(string environment, ResolvedPackage p) =>
        p.OnHost || p.Archive is not { } a ? null
            : new InstalledPackage(environment, p.Name, p.Version ?? "", p.Build, p.Source, a.Subdir, a.FileName, a.Sha256);
}

/// <summary>Which archive a channel package was installed from.</summary>
public sealed record InstalledArchive(string Subdir, string FileName, string Sha256);
