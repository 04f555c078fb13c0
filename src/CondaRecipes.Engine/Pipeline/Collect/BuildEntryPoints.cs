using CondaRecipes.Packaging;

namespace CondaRecipes.Pipeline.Collect;

/// <summary>
/// conda-build's console scripts for <c>build/entry_points</c> of a package that is not <c>noarch: python</c>:
/// written into the host prefix's <c>bin/</c> after the build script (replacing one pip made), so they are
/// collected with the build's files. Their interpreter is the host prefix's <c>bin/python</c>, relocated to the
/// installed environment's by prefix replacement; a <c>noarch: generic</c> package's scripts have no shebang,
/// as conda-build writes them. A <c>noarch: python</c> package gets none: conda writes them at install.
/// </summary>
public static class BuildEntryPoints
{
    /// <returns>The scripts written, relative to <paramref name="hostPrefix"/>.</returns>
    public static IReadOnlyList<string> Write(string hostPrefix, string? noarch, IReadOnlyList<PythonEntryPoint> entryPoints)
    {
        if (noarch == "python") return [];
        var shebang = noarch is null ? $"#!{hostPrefix.TrimEnd('/')}/bin/python\n" : null;
        foreach (var entryPoint in entryPoints)
            entryPoint.Write(hostPrefix, shebang, atInstall: false);
        return entryPoints.Select(e => e.ScriptPath).ToList();
    }
}
