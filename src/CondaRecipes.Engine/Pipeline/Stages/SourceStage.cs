using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>Fetches the recipe's sources into the variant's work folder through the shared source cache.</summary>
public static class SourceStage
{
    public static async Task RunAsync(VariantBuildRequest r, WorkLayout layout, IBuildLog log, CancellationToken ct)
    {
        var specs = r.Rendered.Recipe.Sources;
        if (specs.Count == 0)
        {
            Directory.CreateDirectory(layout.SrcDir);
            return;
        }
        var fetcher = new SourceFetcher(Path.Combine(r.CacheDir, "sources"));
        await fetcher.PrepareAsync(specs, r.RecipeDir, layout.SrcDir, log.Info, ct);
    }
}
