using System.Collections.Concurrent;

namespace CondaRecipes.Recipes;

/// <summary>
/// The recipe's build.sh: where it is (the build step runs it) and its text, read once per file version
/// (conda-build counts a variant variable the script reads, <c>$NAME</c> or <c>${NAME}</c>, as used).
/// </summary>
internal static class BuildScripts
{
    /// <summary>The recipe folder's build.sh, or null when it has none.</summary>
    public static string? PathIn(string recipeDir)
    {
        var path = Path.Combine(recipeDir, "build.sh");
        return File.Exists(path) ? path : null;
    }

    private static readonly ConcurrentDictionary<string, (long Length, DateTime Mtime, string Text)> Cache = new(StringComparer.Ordinal);

    public static string? Read(string recipeDir)
    {
        if (PathIn(recipeDir) is not { } path) return null;
        var info = new FileInfo(path);
        if (Cache.TryGetValue(info.FullName, out var hit) && hit.Length == info.Length && hit.Mtime == info.LastWriteTimeUtc)
            return hit.Text;
        string text = File.ReadAllText(info.FullName);
        Cache[info.FullName] = (info.Length, info.LastWriteTimeUtc, text);
        return text;
    }
}
