using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Site;

/// <summary>
/// Finds recipe folders (a folder holding a recipe file, meta.yaml or recipe.yaml, as <see cref="RecipeFormat"/>
/// decides): the given folder itself when it is one,
/// else every folder below it that is one, without looking inside a recipe folder (its own sub-folders are
/// sources, patches or tests). Sorted by path, so the result does not depend on the file system's order.
/// </summary>
public static class RecipeFolderScanner
{
    public static IReadOnlyList<string> Find(string source)
    {
        string root = Path.GetFullPath(source);
        if (!Directory.Exists(root))
            throw new CondaRecipesException(SiteErrorCodes.NoRecipeToWrap, $"The folder to wrap '{root}' does not exist.", root, 0,
                "Give a recipe folder (holding meta.yaml or recipe.yaml) or a folder of them.");
        var found = new List<string>();
        Walk(root, found);
        if (found.Count == 0)
            throw new CondaRecipesException(SiteErrorCodes.NoRecipeToWrap, $"No recipe folder (holding meta.yaml or recipe.yaml) is in or below '{root}'.", root, 0,
                "Give a recipe folder or a folder of them.");
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(string dir, List<string> found)
    {
        if (RecipeFormat.TryFind(dir) is not null)
        {
            found.Add(dir);
            return;
        }
        foreach (var sub in Directory.EnumerateDirectories(dir))
            if (!Path.GetFileName(sub).StartsWith('.'))
                Walk(sub, found);
    }
}
