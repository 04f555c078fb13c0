using CondaRecipes.Diagnostics;

namespace CondaRecipes.Site;

/// <summary>
/// Finds conda-build recipe folders (a folder holding meta.yaml): the given folder itself when it is one,
/// else every folder below it that is one, without looking inside a recipe folder (its own sub-folders are
/// sources, patches or tests). Sorted by path, so the result does not depend on the file system's order.
/// </summary>
public static class RecipeFolderScanner
{
    public const string MetaYaml = "meta.yaml";

    public static IReadOnlyList<string> Find(string source)
    {
        string root = Path.GetFullPath(source);
        if (!Directory.Exists(root))
            throw new CondaRecipesException(SiteErrorCodes.NoRecipeToWrap, $"The folder to wrap '{root}' does not exist.", root, 0,
                "Give a conda-build recipe folder (holding meta.yaml) or a folder of them.");
        var found = new List<string>();
        Walk(root, found);
        if (found.Count == 0)
            throw new CondaRecipesException(SiteErrorCodes.NoRecipeToWrap, $"No recipe folder (holding {MetaYaml}) is in or below '{root}'.", root, 0,
                "Give a conda-build recipe folder or a folder of them.");
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(string dir, List<string> found)
    {
        if (File.Exists(Path.Combine(dir, MetaYaml)))
        {
            found.Add(dir);
            return;
        }
        foreach (var sub in Directory.EnumerateDirectories(dir))
            if (!Path.GetFileName(sub).StartsWith('.'))
                Walk(sub, found);
    }
}
