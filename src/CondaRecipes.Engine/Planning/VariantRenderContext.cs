using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Planning;

/// <summary>
/// The render context of one variant, built the same way wherever a variant is rendered — when the matrix is
/// reduced, planned and built: the build's environment, then the site's variables, then the variant's (the
/// Makefile exported them the same way); the variant config's settings (pin_run_as_build, ignore_version,
/// ignore_build_only_deps) from <see cref="VariantRequest.Settings"/>.
/// </summary>
public static class VariantRenderContext
{
    public static RenderContext Create(VariantRequest variant, IReadOnlyDictionary<string, string> baseEnvironment,
        IReadOnlyDictionary<string, string> siteEnvironment)
    {
        var env = EnvironmentLayers.Merge(baseEnvironment, siteEnvironment, variant.VariableMap);
        var settings = VariantSettings.Parse(variant.Settings);
        return new RenderContext
        {
            Variables = variant.VariableMap,
            PythonVersion = variant.PythonVersion,
            Environment = env,
            PinRunAsBuild = settings.PinRunAsBuild,
            IgnoreVersion = settings.IgnoreVersion,
            IgnoreBuildOnlyDeps = settings.IgnoreBuildOnlyDeps,
        };
    }
}
