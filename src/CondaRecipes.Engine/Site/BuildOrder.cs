using CondaRecipes.Diagnostics;

namespace CondaRecipes.Site;

/// <summary>Checks that wrapped recipes reference one another without a cycle (MSBuild could not order them).</summary>
public static class BuildOrder
{
    public static void Check(IReadOnlyList<WrappedRecipe> recipes)
    {
        var byProject = recipes.ToDictionary(r => r.ProjectPath, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done
        foreach (var r in recipes)
            Visit(r.ProjectPath, [], byProject, state);
    }

    private static void Visit(string project, List<string> path, Dictionary<string, WrappedRecipe> byProject, Dictionary<string, bool> state)
    {
        if (state.TryGetValue(project, out var done))
        {
            if (done) return;
            var cycle = path.SkipWhile(p => p != project).Append(project).Select(Path.GetFileNameWithoutExtension);
            throw new CondaRecipesException(SiteErrorCodes.WrapCycle,
                $"The recipes require one another in a cycle: {string.Join(" -> ", cycle)}.", byProject[project].RecipeDir, 0,
                "Break the cycle in the recipes' requirements (conda-build could not build them in any order either).");
        }
        state[project] = false;
        path.Add(project);
        foreach (var reference in byProject[project].References)
            Visit(reference, path, byProject, state);
        path.RemoveAt(path.Count - 1);
        state[project] = true;
    }
}
