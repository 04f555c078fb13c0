using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>Fetches the recipe's sources into the variant's work folder through the shared source cache.</summary>
public static class SourceStage
{
    public static async Task RunAsync(VariantBuildRequest r, WorkLayout layout, IBuildLog log, CancellationToken ct)
    {
        var specs = ToSpecs(r.Rendered);
        if (specs.Count == 0)
        {
            Directory.CreateDirectory(layout.SrcDir);
            return;
        }
        var fetcher = new SourceFetcher(Path.Combine(r.CacheDir, "sources"));
        await fetcher.PrepareAsync(specs, r.RecipeDir, layout.SrcDir, log.Info, ct);
    }

    public static IReadOnlyList<SourceSpec> ToSpecs(RenderedRecipe rendered) =>
        rendered.Recipe.Sources.Select(s => new SourceSpec
        {
            Path = s.Path, Urls = s.Urls, Sha256 = s.Sha256, Md5 = s.Md5, Sha1 = s.Sha1, FileName = s.FileName,
            GitUrl = s.GitUrl, GitRev = s.GitRev, GitDepth = s.GitDepth, Folder = s.Folder, Patches = s.Patches,
            RecipeFile = rendered.TemplatePath, Line = s.Line,
        }).ToList();
}
