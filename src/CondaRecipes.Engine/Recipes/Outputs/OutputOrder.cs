using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.Outputs;

/// <summary>
/// conda-build's <c>_toposort_outputs</c>: outputs that others require (in run, host or build) come first,
/// otherwise the order written; a cycle is an error, as in conda-build. For a meta.yaml (<paramref name="top"/>
/// given) build requirements do not count for an output that has host requirements (its own or the top
/// level's, conda-build's <c>is_cross</c>): its build environment is the build platform's, which a sibling
/// output does not satisfy.
/// </summary>
internal static class OutputOrder
{
    public static IReadOnlyList<RecipeOutput> Sort(IReadOnlyList<RecipeOutput> outputs, string file, Recipe? top = null)
    {
        var names = outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        bool topHasHost = top is not null && (top.Requirements.HasHostSection || top.Requirements.Host.Count > 0);
        bool IsCross(RecipeOutput o) => top is not null
            && (topHasHost || o.Recipe.Requirements.HasHostSection || o.Recipe.Requirements.Host.Count > 0);
        var needs = outputs.ToDictionary(o => o.Name, o => o.Recipe.Requirements.Run
            .Concat(o.Recipe.Requirements.Host).Concat(IsCross(o) ? [] : o.Recipe.Requirements.Build)
            .Select(r => r.Name).Where(n => n != o.Name && names.Contains(n)).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var sorted = new List<RecipeOutput>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (sorted.Count < outputs.Count)
        {
            var next = outputs.FirstOrDefault(o => !done.Contains(o.Name) && needs[o.Name].All(done.Contains));
            if (next is null)
            {
                var stuck = outputs.First(o => !done.Contains(o.Name));
                throw new CondaRecipesException(OutputErrorCodes.OutputsCircular,
                    $"The outputs {string.Join(", ", outputs.Where(o => !done.Contains(o.Name)).Select(o => o.Name))} require each other in a cycle.",
                    file, stuck.Line, "Remove one of the requirements between these outputs.");
            }
            sorted.Add(next);
            done.Add(next.Name);
        }
        return sorted;
    }
}
