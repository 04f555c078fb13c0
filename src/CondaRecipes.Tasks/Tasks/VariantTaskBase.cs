using System.Collections;
using CondaRecipes.Recipes;
using Microsoft.Build.Framework;
using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Tasks;

/// <summary>
/// Parameters shared by the tasks that render a project's variants (plan, build), and the two things they
/// must compute identically: the render context of a variant and the settings that enter its inputs hash.
/// </summary>
public abstract class VariantTaskBase : CondaTaskBase
{
    [Required] public string ProjectFile { get; set; } = "";
    [Required] public string RecipeName { get; set; } = "";
    [Required] public string RecipeDir { get; set; } = "";
    [Required] public string OutputDir { get; set; } = "";
    [Required] public string WorkDir { get; set; } = "";
    public string Subdir { get; set; } = "linux-64";
    /// <summary>conda | tar.bz2 | both.</summary>
    public string PackageFormat { get; set; } = "conda";
    public int ZstdLevel { get; set; } = 19;
    /// <summary><c>CondaEnvironment</c> items: Include = variable name, metadata Value.</summary>
    public ITaskItem[] Environment { get; set; } = [];
    /// <summary><c>CondaHostRunpathWhitelist</c> items: site-wide globs merged with each recipe's.</summary>
    public ITaskItem[] HostRunpathWhitelist { get; set; } = [];
    /// <summary><c>CondaExternal</c> items: host software standing in for conda packages.</summary>
    public ITaskItem[] Externals { get; set; } = [];

    /// <summary>The site's environment variables (CondaEnvironment items), by name.</summary>
    protected IReadOnlyDictionary<string, string> SiteEnvironment =>
        Environment.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.Ordinal);

    /// <summary>
    /// The environment a recipe is rendered in: the build's own environment, then the site's variables,
    /// then the variant's (the Makefile exported them the same way).
    /// </summary>
    protected RenderContext RenderContextFor(ITaskItem variant)
    {
        var variables = VariablesOf(variant);
        var env = EnvironmentLayers.Merge(ProcessEnvironment(), SiteEnvironment, variables);
        return new RenderContext
        {
            Variables = variables,
            PythonVersion = NullIfEmpty(variant.GetMetadata("PythonVersion")),
            Environment = env,
        };
    }

    /// <summary>
    /// The environment the build was started in (modules a site loaded, PATH, HOME), read once here for
    /// rendering and for build scripts. MSBuild's own variables are left out: they would confuse a `dotnet`
    /// a build script might run.
    /// </summary>
    protected static Dictionary<string, string> ProcessEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (!key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
                env[key] = (string?)e.Value ?? "";
        }
        return env;
    }

    /// <summary>The variant's variables from the item ExpandCondaMatrix produced.</summary>
    protected static Dictionary<string, string> VariablesOf(ITaskItem variant) =>
        variant.GetMetadata("Variables").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);

    /// <summary>Every setting that changes the package a variant produces, for its inputs hash.</summary>
    protected IReadOnlyDictionary<string, string> HashedSettings(ITaskItem variant) => new SortedDictionary<string, string>
    {
        ["subdir"] = Subdir,
        ["format"] = PackageFormat,
        ["zstd"] = ZstdLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["python"] = variant.GetMetadata("PythonVersion"),
        ["environment"] = string.Join("\n", SiteEnvironment.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")),
        ["whitelist"] = string.Join("\n", HostRunpathWhitelist.Select(i => i.ItemSpec)),
        ["externals"] = string.Join("\n", Externals.Select(i => $"{i.ItemSpec} {i.GetMetadata("Version")} {i.GetMetadata("Build")} {i.GetMetadata("Path")}")),
    };

    /// <summary>The channel paths of a variant's package files, one per requested format.</summary>
    protected IReadOnlyList<string> PackagePaths(RenderedRecipe rendered) =>
        Formats().Select(ext => Path.Combine(OutputDir, rendered.Subdir, rendered.FileNameFor(ext))).ToList();

    protected IReadOnlyList<string> Formats() => PackageFormat.Trim().ToLowerInvariant() switch
    {
        "conda" or "" => [".conda"],
        "tar.bz2" => [".tar.bz2"],
        "both" => [".conda", ".tar.bz2"],
        _ => throw new CondaRecipes.Diagnostics.CondaRecipesException(SdkErrorCodes.UnknownPackageFormat,
            $"Unknown CondaPackageFormat '{PackageFormat}'.", ProjectFile, hint: "Use conda, tar.bz2 or both."),
    };

    protected static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
