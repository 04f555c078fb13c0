using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Variants;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// The render context of one variant item (from ExpandCondaMatrix), built the same way wherever a variant
/// is rendered — when the matrix is reduced, planned and built: the build's environment, then the site's
/// variables, then the variant's; the variant config's settings (pin_run_as_build, ignore_version,
/// ignore_build_only_deps) from the item's <c>VariantSettings</c>.
/// </summary>
internal static class VariantRenderContext
{
    public static RenderContext Create(ITaskItem variant, IReadOnlyDictionary<string, string> processEnvironment,
        IReadOnlyDictionary<string, string> siteEnvironment)
    {
        var env = new Dictionary<string, string>(processEnvironment, StringComparer.Ordinal);
        foreach (var (k, v) in siteEnvironment) env[k] = v;
        var variables = VariablesOf(variant);
        foreach (var (k, v) in variables) env[k] = v;
        var settings = VariantSettings.Parse(variant.GetMetadata("VariantSettings"));
        string python = variant.GetMetadata("PythonVersion");
        return new RenderContext
        {
            Variables = variables,
            PythonVersion = string.IsNullOrWhiteSpace(python) ? null : python,
            Environment = env,
            PinRunAsBuild = settings.PinRunAsBuild,
            IgnoreVersion = settings.IgnoreVersion,
            IgnoreBuildOnlyDeps = settings.IgnoreBuildOnlyDeps,
        };
    }

    /// <summary>The variant's variables from the item ExpandCondaMatrix produced (<c>NAME=value</c> joined by <c>|</c>).</summary>
    public static Dictionary<string, string> VariablesOf(ITaskItem variant) =>
        variant.GetMetadata("Variables").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
}
