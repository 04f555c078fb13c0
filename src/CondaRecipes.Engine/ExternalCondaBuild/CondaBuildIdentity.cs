using CondaRecipes.Diagnostics;
using CondaRecipes.ExternalCondaBuild.Patching;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// What identifies the conda-build that builds the variants, for their inputs hash: its version, its path
/// and the environment file's sha256 (a changed file means a possibly different conda-build or solver).
/// The bootstrap computes it after making sure of the environment; <c>Plan</c> reads it without creating
/// or patching anything, so both hash the same text.
/// </summary>
public static class CondaBuildIdentity
{
    /// <summary>The identity of a bootstrapped environment's conda-build.</summary>
    public static string Bootstrapped(string condaBuildVersion, string condaBuildExecutable, string environmentFile) =>
        $"conda-build {condaBuildVersion} {condaBuildExecutable} environment {BootstrapStamp.Sha256Of(environmentFile)}";

    /// <summary>The identity of a conda-build used as found (bootstrap disabled).</summary>
    public static string Found(string condaBuildExecutable) => $"conda-build {condaBuildExecutable} (not bootstrapped)";

    /// <summary>
    /// The identity a build would use, read from what is on disk; null when the build would first have to
    /// create the environment (or find no conda-build), so nothing built before can be up to date.
    /// </summary>
    /// <param name="environmentDirectory">Absolute, without a trailing separator (as the bootstrap is given it).</param>
    public static string? Probe(string environmentDirectory, string environmentFile, bool bootstrap, string? searchPath)
    {
        if (!bootstrap)
            return CondaToolLocator.TryFindCondaBuild(environmentDirectory, searchPath) is { } found ? Found(found) : null;
        if (!File.Exists(environmentFile) || BootstrapStamp.TryRead(environmentDirectory) is not { } stamp
            || stamp.EnvironmentFileSha256 != BootstrapStamp.Sha256Of(environmentFile))
            return null;
        var executable = CondaToolLocator.CondaBuildExecutableIn(environmentDirectory);
        if (!ExecutableFiles.IsExecutable(executable)) return null;
        try
        {
            return Bootstrapped(CondaBuildInstallation.Locate(environmentDirectory).Version, executable, environmentFile);
        }
        catch (CondaRecipesException)
        {
            return null; // the build's bootstrap reports what is wrong with the environment
        }
    }
}
