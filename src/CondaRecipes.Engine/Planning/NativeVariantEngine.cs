using CondaRecipes.Pipeline;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;

namespace CondaRecipes.Planning;

/// <summary>The native pipeline's settings that are not the project's (CondaRecipes.Sdk's native engine properties and items).</summary>
public sealed record NativeEngineSettings
{
    public required string LogDir { get; init; }
    public required string CacheDir { get; init; }
    /// <summary>CondaChannel items, in priority order; the local channel is put first unless listed.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
    public IReadOnlyList<string> WheelDirs { get; init; } = [];
    public IReadOnlyList<string> Modules { get; init; } = [];
    public bool ErrorOverlinking { get; init; }
    public bool SkipTests { get; init; }
}

/// <summary>
/// The native engine behind the planner: the package files are named by the rendering, and a build runs
/// <see cref="VariantBuilder"/>'s stages. It adds nothing to the inputs hash beyond the project's settings
/// (the SDK's own identity is already in it). Each step runs with the cores granted to it.
/// </summary>
public sealed class NativeVariantEngine(RecipeProject project, NativeEngineSettings settings) : IVariantEngine
{
    public const string EngineName = "native";

    public string Name => EngineName;

    public IReadOnlyDictionary<string, string> FingerprintSettings(VariantRequest variant) => new Dictionary<string, string>();

    public IReadOnlyList<string>? KnownPackages(RenderedRecipe rendered, string inputsHash) => project.PackagePaths(rendered);

    public IVariantBuild Start(VariantPlan plan, IBuildLog log)
    {
        var variant = plan.Variant;
        var request = new VariantBuildRequest
        {
            Rendered = plan.Rendered, RenderContext = plan.RenderContext, RecipeDir = project.RecipeDir, RecipeName = project.RecipeName, VariantId = variant.Id,
            VariantVariables = variant.VariableMap, PlatformSubdir = project.Subdir, PythonVersion = variant.PythonVersion,
            ChannelDir = project.OutputDir, Channels = ChannelList(), WorkDir = project.WorkDir, LogDir = settings.LogDir,
            CacheDir = settings.CacheDir, Formats = project.Formats, ZstdLevel = project.ZstdLevel,
            BaseEnvironment = project.BaseEnvironment, SiteEnvironment = project.SiteEnvironment,
            Externals = project.Externals.Where(e => e.Name != "python").Select(ToHostExternal).ToList(),
            DeclaredPythons = project.DeclaredPythons,
            WheelDirs = settings.WheelDirs, SiteRunpathWhitelist = project.RunpathWhitelist, Modules = settings.Modules,
            ErrorOverlinking = settings.ErrorOverlinking, SkipTests = settings.SkipTests,
            InputsHash = plan.InputsHash, StampPath = plan.StampPath,
        };
        return new VariantBuilder(request, log);
    }

    /// <summary>The CondaChannel items, with the local output channel first unless they list it.</summary>
    private IReadOnlyList<string> ChannelList()
    {
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(project.OutputDir));
        return settings.Channels.Any(c => LocalPath(c) == output) ? settings.Channels : [output, .. settings.Channels];
    }

    private static string? LocalPath(string channel) =>
        channel.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? Path.TrimEndingDirectorySeparator(new Uri(channel).LocalPath)
        : channel.Contains("://", StringComparison.Ordinal) ? null
        : Path.TrimEndingDirectorySeparator(Path.GetFullPath(channel));

    private static HostExternal ToHostExternal(DeclaredExternal e) => new(
        e.Name,
        string.IsNullOrWhiteSpace(e.Version) ? null : e.Version,
        string.IsNullOrWhiteSpace(e.Build) ? "external_host" : e.Build,
        string.IsNullOrWhiteSpace(e.Path) ? "declared in the project" : e.Path);
}
