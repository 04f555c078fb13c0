using System.Collections.Concurrent;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Template files by path, reread only when their length or modification time changes, and parsed
/// templates by text. The text Jinja parses is the file after line selectors (which depend on the
/// platform), so the variants of one recipe for one platform tokenize and parse it once.
/// </summary>
internal static class TemplateCache
{
    private sealed record Entry(long Length, DateTime LastWriteUtc, string Text);

    private static readonly ConcurrentDictionary<string, Entry> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ParsedTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>The file's text.</summary>
    public static string ReadText(string path)
    {
        var info = new FileInfo(path);
        long length = info.Length;
        var mtime = info.LastWriteTimeUtc;
        if (Files.TryGetValue(path, out var entry) && entry.Length == length && entry.LastWriteUtc == mtime)
            return entry.Text;
        string text = File.ReadAllText(path);
        Files[path] = new Entry(length, mtime, text);
        return text;
    }

    /// <summary>The parsed template of <paramref name="text"/>; parse errors propagate and are not cached.</summary>
    public static ParsedTemplate Parse(string text)
    {
        // A long-lived build node sees edited recipes; forget old texts rather than keep every version.
        if (Parsed.Count > 512) Parsed.Clear();
        return Parsed.GetOrAdd(text, ParsedTemplate.Parse);
    }
}
