using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline;

/// <summary>Everything the native engine needs to build, test and publish one variant.</summary>
public sealed record VariantBuildRequest
{
    public required RenderedRecipe Rendered { get; init; }

    /// <summary>What <see cref="Rendered"/> was rendered with; when set, the recipe is rendered again after the
    /// source stage (with the source, its <c>GIT_*</c> variables and the variant's Python), as conda-build does,
    /// and the later stages use that render.</summary>
    public RenderContext? RenderContext { get; init; }

    /// <summary>The source's <c>GIT_*</c> variables, set by the source stage for the build script.</summary>
    public IReadOnlyDictionary<string, string> SourceVariables { get; init; } = new Dictionary<string, string>();
    public required string RecipeDir { get; init; }
    public required string RecipeName { get; init; }
    public required string VariantId { get; init; }
    public IReadOnlyDictionary<string, string> VariantVariables { get; init; } = new Dictionary<string, string>();
    public string? PythonVersion { get; init; }

    /// <summary>The platform the build runs on and packages for (CondaSubdir); a noarch package is still
    /// built, tested and resolved against this platform's channels.</summary>
    public string PlatformSubdir { get; init; } = "linux-64";

    /// <summary>The local channel packages are published to.</summary>
    public required string ChannelDir { get; init; }
    /// <summary>Channels requirements are resolved from, in priority order (the local channel first).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
    public required string WorkDir { get; init; }
    public required string LogDir { get; init; }
    public required string CacheDir { get; init; }
    /// <summary>Archive extensions to write: <c>.conda</c>, <c>.tar.bz2</c>.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [".conda"];
    public int ZstdLevel { get; init; } = 19;

    /// <summary>The environment the build was started in (PATH, HOME, loaded modules).</summary>
    public IReadOnlyDictionary<string, string> BaseEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>The site's variables (CondaEnvironment items).</summary>
    public IReadOnlyDictionary<string, string> SiteEnvironment { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<HostExternal> Externals { get; init; } = [];
    public IReadOnlyList<PythonInterpreter> DeclaredPythons { get; init; } = [];
    /// <summary>Folders of local wheels that can satisfy Python build requirements.</summary>
    public IReadOnlyList<string> WheelDirs { get; init; } = [];
    /// <summary>The site-wide host_runpath_whitelist, merged with the recipe's.</summary>
    public IReadOnlyList<string> SiteRunpathWhitelist { get; init; } = [];
    /// <summary>Environment modules the build script loads first (through Lmod when present).</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];
    public bool ErrorOverlinking { get; init; }
    /// <summary>The build script's <c>CPU_COUNT</c>: this variant's share of the cores (see Planning/CpuShare).</summary>
    public int CpuCount { get; init; } = Environment.ProcessorCount;
    public bool SkipTests { get; init; }

    /// <summary>The channel packages installed into the build and host prefixes, set by the environment stage;
    /// the stamp records them so that a change of one in its channel makes the variant out of date.</summary>
    public IReadOnlyList<Dependencies.InstalledPackage> InstalledPackages { get; init; } = [];

    /// <summary>The inputs hash the stamp records; see <see cref="VariantFingerprint"/>.</summary>
    public required string InputsHash { get; init; }
    public required string StampPath { get; init; }
}
