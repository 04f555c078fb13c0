namespace CondaRecipes.Pipeline;

/// <summary>Codes for the native build pipeline (CR2100–CR2999; CR2000–CR2099 belong to sources).</summary>
public static class BuildErrorCodes
{
    /// <summary>No Python interpreter of the variant's version was found.</summary>
    public const string PythonNotFound = "CR2101";

    /// <summary>A build or host requirement is satisfied by no host external and no channel package.</summary>
    public const string RequirementNotSatisfied = "CR2102";

    /// <summary>The build script exited with a non-zero code.</summary>
    public const string BuildScriptFailed = "CR2104";

    /// <summary>Creating the host prefix (a Python venv) failed.</summary>
    public const string PrefixSetupFailed = "CR2105";

    /// <summary>The build added no files to the host prefix.</summary>
    public const string NothingInstalled = "CR2106";

    /// <summary>The work directory path is too long for the 255-character placeholder prefix.</summary>
    public const string WorkDirTooLong = "CR2107";

    /// <summary>A recipe test failed; the package was moved to broken/.</summary>
    public const string TestFailed = "CR2108";

    /// <summary>A CondaExternal item is malformed.</summary>
    public const string BadExternal = "CR2109";

    /// <summary>A channel lists a package whose archive is not there.</summary>
    public const string PackageUnavailable = "CR2110";

    /// <summary>A channel package's archive does not match the sha256 or size in the channel's repodata.</summary>
    public const string PackageChecksumMismatch = "CR2111";

    /// <summary>A noarch: python package is installed into a prefix without one Python (lib/pythonX.Y).</summary>
    public const string NoPythonForNoarch = "CR2130";
    /// <summary>
    /// <c>pin_compatible(name)</c> cannot be computed: the package was not resolved in the host environment
    /// (build without host), or was satisfied by something whose version is not known.
    /// </summary>
    public const string PinCompatibleUnresolved = "CR2140";

    /// <summary>A <c>pin_run_as_build</c> entry applies to a package resolved without a known version.</summary>
    public const string RunPinUnresolved = "CR2141";

    /// <summary>An installed package's <c>info/run_exports.json</c> cannot be read.</summary>
    public const string RunExportsUnreadable = "CR2142";

    /// <summary><c>pin_compatible</c> is used in build or host, where nothing is resolved yet to pin to.</summary>
    public const string PinCompatibleOutsideRun = "CR2143";

    /// <summary>The run requirements (with run_exports) pin one package exactly to two different builds.</summary>
    public const string ConflictingExactPins = "CR2144";

    /// <summary>A <c>cdt()</c> package is needed and no channel has it (the host cannot stand in for a CDT).</summary>
    public const string CdtNotInChannel = "CR2145";

    /// <summary>
    /// A Python build tool (setuptools, pip, wheel) the recipe needs is found only in versions that do not work
    /// with the variant's interpreter, and no channel provides it.
    /// </summary>
    public const string BuildToolIncompatible = "CR2160";
}
