namespace CondaRecipes.Pipeline.Script;

/// <summary>What a build script is told about its build, as conda-build's environment contract defines it.</summary>
public sealed record BuildScriptContext
{
    public required string Prefix { get; init; }
    public required string BuildPrefix { get; init; }
    public required string SrcDir { get; init; }
    public required string RecipeDir { get; init; }
    public required string PackageName { get; init; }
    public required string PackageVersion { get; init; }
    public required int BuildNumber { get; init; }
    public required string BuildString { get; init; }

    /// <summary>The build-string hash (<c>h</c> + 7 hex digits, or "" without one): conda-build's <c>PKG_HASH</c>.</summary>
    public string PkgHash { get; init; } = "";
    public string Subdir { get; init; } = "linux-64";

    /// <summary>The platform the build runs on (<c>linux-64</c>); null to take <see cref="Subdir"/>.</summary>
    public string? BuildPlatform { get; init; }
    public int CpuCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The variant's Python (interpreter path inside the host prefix and X.Y), when it has one.</summary>
    public string? Python { get; init; }
    public string? PythonVersion { get; init; }

    /// <summary>Variant variables (MPI4PY_VERSION=…), exported as given, as the Makefile did.</summary>
    public IReadOnlyDictionary<string, string> VariantVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Site environment (CondaEnvironment items: NCAR_BUILD_ENV=…), exported before the contract.</summary>
    public IReadOnlyDictionary<string, string> SiteEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The source's <c>GIT_*</c> variables (conda-build exports them to the build script).</summary>
    public IReadOnlyDictionary<string, string> SourceVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The recipe's build/script_env entries: <c>NAME</c> (passed through) or <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> ScriptEnv { get; init; } = [];

    /// <summary>Compilers of the build environment to activate (CC, CXX, FC, their flags), as conda-forge's compiler packages do.</summary>
    public IReadOnlyList<CompilerActivation.Compiler> Compilers { get; init; } = [];
}
