using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Pipeline.Stages;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline;

/// <summary>
/// The inputs hash of one variant, computed the same way by the plan and by the build so that the plan's
/// "up to date" is exactly the build's decision to skip.
/// </summary>
public static class VariantFingerprint
{
    /// <param name="settings">Build-relevant settings (subdir, format, whitelist, externals, ...), by name.</param>
    public static string Compute(RenderedRecipe rendered, string recipeDir,
        IReadOnlyDictionary<string, string> variantValues, IReadOnlyDictionary<string, string> settings)
    {
        var fp = new InputsFingerprint()
            .AddSdkIdentity()
            .AddDirectory("recipe", recipeDir)
            .Add("rendered", rendered.RenderedText)
            // Sources outside the recipe folder (a path: to a wheel folder, a url with its checksum).
            .Add("sources", SourceFetcher.ComputeInputsFingerprint(rendered.Recipe.Sources, recipeDir));
        foreach (var (k, v) in variantValues) fp.Add("variant:" + k, v);
        foreach (var (k, v) in settings) fp.Add("setting:" + k, v);
        return fp.Compute();
    }
}
