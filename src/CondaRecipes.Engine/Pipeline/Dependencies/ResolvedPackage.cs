using CondaRecipes.Packaging;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// One package a build or host environment was resolved to: a channel package (installed from the package
/// cache) or something the host provides (the variant's Python, a declared <c>CondaExternal</c>, a tool on
/// PATH). Pins read its version and build; run_exports come from its <c>info/run_exports.json</c>.
/// </summary>
/// <param name="Version">Null for a host tool whose version is not known.</param>
/// <param name="Source">The channel URL, or where on the host it is.</param>
/// <param name="RunExports">What the package exports to packages built against it; host externals export nothing.</param>
/// <param name="OnHost">Provided by the host rather than installed from a channel.</param>
public sealed record ResolvedPackage(string Name, string? Version, string Build, string Source, RunExports RunExports, bool OnHost)
{
    /// <summary>The archive a channel package was installed from (null on the host); the variant's stamp records it.</summary>
    public InstalledArchive? Archive { get; init; }

    public override string ToString() => $"{Name} {Version ?? "(version unknown)"} {Build} ({Source})";
}
