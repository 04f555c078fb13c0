using System.Collections.Concurrent;

namespace CondaRecipes.Recipes;

/// <summary>
/// The recipe's build.sh text, read once per file version: conda-build counts a variant variable the
/// script reads (<c>$NAME</c>, <c>${NAME}</c>) as used.
/// </summary>
internal static class BuildScripts
{
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Mtime, string Text)> Cache = new(StringComparer.Ordinal);

    public static string? Read(string recipeDir)
    {
        var info = new FileInfo(Path.Combine(recipeDir, "build.sh"));
        if (!info.Exists) return null;
        if (Cache.TryGetValue(info.FullName, out var hit) && hit.Length == info.Length && hit.Mtime == info.LastWriteTimeUtc)
            return hit.Text;
        string text = File.ReadAllText(info.FullName);
        Cache[info.FullName] = (info.Length, info.LastWriteTimeUtc, text);
        return text;
    }
}
