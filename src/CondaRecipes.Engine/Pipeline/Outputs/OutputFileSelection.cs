using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Outputs;

/// <summary>
/// Which files go into one output, by conda-build's rules (<c>bundle_conda</c>): <c>files</c> globs select
/// them (the <c>include</c>/<c>exclude</c> form only among the files the top-level build installed); without
/// <c>files</c>, an output with a script gets the files its script installed; the output named like the top
/// level (or a recipe's only package) gets every file the top-level build installed; any other output gets
/// none — a metapackage. Unlike conda-build, list globs never pick up files of the prefix's dependencies:
/// they select among the files this recipe's build and scripts installed.
/// </summary>
public static class OutputFileSelection
{
    /// <param name="built">Files the top-level build installed (prefix-relative).</param>
    /// <param name="scripted">Files this output's script installed; empty without a script.</param>
    public static IReadOnlyList<string> Select(RecipeOutput output, IReadOnlyList<string> built, IReadOnlyList<string> scripted)
    {
        if (output.Files is { } files)
        {
            if (files.IsIncludeExclude)
            {
                var excluded = PrefixGlob.Select(built, files.Exclude).ToHashSet(StringComparer.Ordinal);
                return PrefixGlob.Select(built, files.Include).Where(f => !excluded.Contains(f)).ToList();
            }
            return PrefixGlob.Select(built.Concat(scripted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), files.Globs);
        }
        if (output.HasScript) return scripted;
        return output.TakesAllBuildFiles ? built : [];
    }
}
