using System.Collections.Concurrent;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>Renders probed variants with the SDK's renderer, in the context the Plan and Build tasks give it.</summary>
public static class DerechoRendering
{
    private static readonly ConcurrentDictionary<ProbedVariant, RenderedRecipe> Cache = new();

    public static RenderedRecipe Render(ProbedVariant v) => Cache.GetOrAdd(v, static v =>
    {
        // The site's variables, then the variant's (VariantTaskBase's order), and nothing of this process's
        // environment: the result must not depend on the machine running the tests.
        var env = new Dictionary<string, string>(v.SiteEnvironment, StringComparer.Ordinal);
        foreach (var (k, val) in v.Variables) env[k] = val;
        return RecipeRenderer.Render(v.RecipeDir, new RenderContext
        {
            Variables = v.Variables, PythonVersion = v.PythonVersion, Environment = env,
        });
    });

    public static IReadOnlyList<RenderedRecipe> RenderAll(string placement) =>
        DerechoMatrix.For(placement).Select(Render).ToList();
}
