using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// The engine builds packages for the platform it runs on (CondaSubdir). A variant config whose <c>target_platform</c>
/// names another platform asks conda-build for a cross build; made here, those packages would be labelled with the
/// build's subdir although the recipe meant another, so the config is refused instead (CR1110).
/// </summary>
public static class TargetPlatformCheck
{
    public static void Check(VariantConfig config, string subdir)
    {
        var values = config.Keys.FirstOrDefault(k => k.Key == "target_platform").Value;
        if (values?.FirstOrDefault(v => v != subdir && v != "noarch") is not { } other) return;
        var (source, line) = config.Origins.TryGetValue("target_platform", out var origin) ? origin : ("", 0);
        throw new CondaRecipesException(MatrixErrorCodes.ConfigCrossTarget,
            $"The variant config sets target_platform to '{other}', but this build makes packages for {subdir} (CondaSubdir); building for another platform is not supported.",
            source, line,
            "Remove target_platform from the variant config, or build on a machine of that platform with CondaSubdir set to it.");
    }
}
