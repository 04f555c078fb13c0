using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// The one place that decides a package's <c>depends</c> and <c>constrains</c> in index.json: called once per
/// output. Today: the output's run requirements as rendered (pin_subpackage already applied), each once, sorted.
/// </summary>
public static class OutputDepends
{
    public static IReadOnlyList<string> Depends(VariantBuildRequest r, RenderedOutput output) =>
        output.Recipe.Requirements.Run.Select(q => q.Spec).Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> Constrains(VariantBuildRequest r, RenderedOutput output) =>
        output.Recipe.Requirements.RunConstrained.Select(q => q.Spec).Distinct().ToList();
}
