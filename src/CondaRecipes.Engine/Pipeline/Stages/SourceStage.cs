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

    /// <summary>
    /// conda-build's second render: the recipe rendered again now that the source is in the work folder, so
    /// <c>load_*</c> read it and the <c>GIT_*</c> of the first source's folder (a git checkout, or a path
    /// source that is one) are known. Returns the request with that render and those variables.
    /// </summary>
    public static async Task<VariantBuildRequest> RenderAgainAsync(VariantBuildRequest r, WorkLayout layout, IBuildLog log, CancellationToken ct)
    {
        if (r.RenderContext is not { } context) return r;
        var first = r.Rendered.Recipe.Sources.FirstOrDefault();
        var git = await GitDescribe.ReadAsync(Path.Combine(layout.SrcDir, first?.Folder ?? ""), ct);
        if (git.Count == 0 && first?.Path is not null && first.GitUrl is null)
            git = await GitDescribe.ReadAsync(PathSourceCopier.Resolve(r.Rendered.Recipe.Sources[0], r.RecipeDir), ct);
        // The first render's context already names the interpreter load_setup_py_data runs (RecipeProject).
        var rendered = RecipeRenderer.Render(r.RecipeDir, context with { SourceDir = layout.SrcDir, SourceVariables = git });
        foreach (var w in rendered.Warnings.Except(r.Rendered.Warnings)) log.Warn(w);
        if (rendered.DistName != r.Rendered.DistName)
            log.Info($"rendered again with the source: {rendered.DistName}");
        return r with { Rendered = rendered, SourceVariables = git };
    }
}
