using System.Collections.Concurrent;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Parsed templates by file, reused while the file's length and modification time are unchanged, so the
/// variants of one recipe (and parallel builds in one MSBuild node) tokenize and parse it once.
/// </summary>
internal static class TemplateCache
{
    private sealed record Entry(long Length, DateTime LastWriteUtc, string Text, ParsedTemplate Template);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    /// <summary>Returns the file's text and parsed template; parse errors propagate and are not cached.</summary>
    public static (string Text, ParsedTemplate Template) Get(string path)
    {
        var info = new FileInfo(path);
        long length = info.Length;
        var mtime = info.LastWriteTimeUtc;
        if (Entries.TryGetValue(path, out var entry) && entry.Length == length && entry.LastWriteUtc == mtime)
            return (entry.Text, entry.Template);
        string text = File.ReadAllText(path);
        var template = ParsedTemplate.Parse(text);
        Entries[path] = new Entry(length, mtime, text, template);
        return (text, template);
    }

    /// <summary>How many templates are cached (for tests of the cache itself).</summary>
    internal static int Count => Entries.Count;

    internal static bool Contains(string path) => Entries.ContainsKey(path);
}
