using System.Globalization;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;

namespace CondaRecipes.Planning;

/// <summary>
/// The settings of one recipe project that every engine shares: where the recipe, the channel and the work
/// folders are, the package formats, and the site's settings that change what a variant produces.
/// </summary>
public sealed record RecipeProject
{
    /// <summary>The recipe project file, for error locations.</summary>
    public required string ProjectFile { get; init; }
    /// <summary>The name used for logs/&lt;name&gt;/, work folders and stamps.</summary>
    public required string RecipeName { get; init; }
    /// <summary>The recipe folder (meta.yaml, build.sh), absolute.</summary>
    public required string RecipeDir { get; init; }
    /// <summary>The local channel packages go to.</summary>
    public required string OutputDir { get; init; }
    public required string WorkDir { get; init; }
    /// <summary>The build platform (CondaSubdir).</summary>
    public string Subdir { get; init; } = "linux-64";
    /// <summary>Archive extensions, from <see cref="PackageFormats.Parse"/>.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [".conda"];
    /// <summary>The <c>CondaPackageFormat</c> value as written (it enters the inputs hash as such).</summary>
    public string PackageFormat { get; init; } = "conda";
    public int ZstdLevel { get; init; } = 19;
    /// <summary>The environment the build was started in (PATH, HOME, loaded modules).</summary>
    public IReadOnlyDictionary<string, string> BaseEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>The site's variables (CondaEnvironment items).</summary>
    public IReadOnlyDictionary<string, string> SiteEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>Site-wide host_runpath_whitelist globs (CondaHostRunpathWhitelist items).</summary>
    public IReadOnlyList<string> RunpathWhitelist { get; init; } = [];
    /// <summary>CondaExternal items.</summary>
    public IReadOnlyList<DeclaredExternal> Externals { get; init; } = [];
    /// <summary>How long a build waits for another build of the same variant (CondaVariantLockTimeout); null: no limit.</summary>
    public TimeSpan? VariantLockTimeout { get; init; }

    /// <summary>
    /// The environment a recipe is rendered in: the build's own environment, then the site's variables,
    /// then the variant's (the Makefile exported them the same way).
    /// </summary>
    public RenderContext RenderContextFor(VariantRequest variant)
    {
        var context = VariantRenderContext.Create(variant, BaseEnvironment, SiteEnvironment);
        var env = context.Environment;
        return context with
        {
            SetupPyPython = new PythonLocator(DeclaredPythons, env.GetValueOrDefault("PYENV_ROOT"), env.GetValueOrDefault("HOME"),
                env.GetValueOrDefault("PATH", "/usr/bin:/bin")).FindForSetupPy(context.PythonVersion),
        };
    }

    /// <summary>Python interpreters declared as <c>CondaExternal Include="python"</c> items with a Path.</summary>
    public IReadOnlyList<PythonInterpreter> DeclaredPythons =>
        Externals.Where(e => e.Name == "python" && e.Path != "").Select(e => new PythonInterpreter(e.Path, e.Version, "CondaExternal")).ToList();

    /// <summary>Every project setting that changes the package a variant produces, whichever engine builds it.</summary>
    public IReadOnlyDictionary<string, string> HashedSettings(VariantRequest variant) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["subdir"] = Subdir,
        ["format"] = PackageFormat,
        ["zstd"] = ZstdLevel.ToString(CultureInfo.InvariantCulture),
        ["python"] = variant.PythonVersion ?? "",
        ["variant_settings"] = variant.Settings,
        ["environment"] = string.Join("\n", SiteEnvironment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")),
        ["whitelist"] = string.Join("\n", RunpathWhitelist),
        ["externals"] = string.Join("\n", Externals.Select(e => $"{e.Name} {e.Version} {e.Build} {e.Path}")),
    };

    /// <summary>The channel paths of a rendered variant's package files: each output, one per requested format.</summary>
    public IReadOnlyList<string> PackagePaths(RenderedRecipe rendered) => rendered.PackagePaths(OutputDir, Formats);

    /// <summary>Where the record of the variant's last successful build lives.</summary>
    public string StampPath(VariantRequest variant) => Pipeline.BuildStamp.PathFor(WorkDir, RecipeName, variant.Id);

    /// <summary>The lock a build of the variant holds over its work folder, stamp and log (<see cref="VariantLock"/>).</summary>
    public string LockPath(VariantRequest variant) => VariantLock.PathFor(WorkDir, RecipeName, variant.Id);
}
