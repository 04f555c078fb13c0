namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Error codes of the project settings of the external conda-build engine (range CR8200–CR8299; CR8201, an unknown engine, is the planner's). The engine's
/// own failures (tools, bootstrap, patch, the conda-build run) keep their CR7xxx codes; these are about
/// the project's settings and what the wiring checks around the engine.
/// </summary>
public static class CondaBuildSettingsErrorCodes
{
    /// <summary>The variant has no Python version; conda-build needs <c>--python X.Y</c>.</summary>
    public const string PythonVersionMissing = "CR8202";

    /// <summary>conda-build exited 0 but a package file it named with <c>--output</c> is not there.</summary>
    public const string PackageNotProduced = "CR8203";

    /// <summary>A <c>CondaBuildVariantFiles</c> item names a file that does not exist.</summary>
    public const string VariantFileMissing = "CR8204";

    /// <summary>A package file named by <c>--output</c> lies outside the output channel, so it cannot be indexed there.</summary>
    public const string PackageOutsideChannel = "CR8205";
}
