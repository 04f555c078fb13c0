namespace CondaRecipes.Pipeline.Testing;

/// <summary>Codes for running a recipe.yaml output's tests (CR2180–CR2199).</summary>
public static class V1TestRunErrorCodes
{
    /// <summary>A <c>package_contents</c> test failed: an entry matched no file, a <c>not_exists</c> entry matched, or strict found unmatched files.</summary>
    public const string PackageContentsFailed = "CR2180";

    /// <summary>A <c>python</c> test failed: an import or <c>pip check</c>.</summary>
    public const string PythonTestFailed = "CR2181";

    /// <summary>A <c>script</c> test exited with a non-zero code.</summary>
    public const string ScriptTestFailed = "CR2182";

    /// <summary>A <c>downstream</c> package is in no channel the build sees, or cannot be installed with this package.</summary>
    public const string DownstreamUnavailable = "CR2183";

    /// <summary>The tests of a <c>downstream</c> package failed with this package installed.</summary>
    public const string DownstreamTestFailed = "CR2184";

    /// <summary>A script test's <c>files.source</c>/<c>files.recipe</c> entry, or its <c>file</c>, matches nothing.</summary>
    public const string TestFileMissing = "CR2185";

    /// <summary>A <c>python_version</c> entry is not a version the engine can locate an interpreter for.</summary>
    public const string PythonVersionUnavailable = "CR2186";

    /// <summary>A script test's interpreter is neither bash nor python.</summary>
    public const string UnsupportedInterpreter = "CR2187";
}
