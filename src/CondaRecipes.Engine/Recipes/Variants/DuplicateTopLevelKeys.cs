using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// conda-build loads variant config files with PyYAML, which lets a top-level key given twice take its last
/// value; YamlDotNet rejects the file instead. Real config files repeat keys (a long file edited over years),
/// so the earlier blocks of a repeated top-level key are blanked out before parsing: the lines stay, so every
/// other line keeps its number for errors.
/// </summary>
internal static partial class DuplicateTopLevelKeys
{
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_.]*)\s*:")]
    private static partial Regex TopLevelKey();

    /// <returns>The text with the earlier blocks of repeated keys blanked, and the keys that were repeated.</returns>
    public static (string Text, IReadOnlyList<string> Repeated) KeepLast(string text)
    {
        var lines = text.Split('\n');
        // The top-level blocks: a key line and the indented, blank or comment lines after it.
        var blocks = new List<(string Key, int Start, int End)>();
        for (int i = 0; i < lines.Length; i++)
        {
            var m = TopLevelKey().Match(lines[i]);
            if (m.Success)
                blocks.Add((m.Groups[1].Value, i, i + 1));
            else if (blocks.Count > 0 && (lines[i].Length == 0 || char.IsWhiteSpace(lines[i][0]) || lines[i].StartsWith('#')
                                          || lines[i].StartsWith('-')))
                blocks[^1] = blocks[^1] with { End = i + 1 };
        }
        var last = blocks.GroupBy(b => b.Key).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Last().Start);
        if (last.Count == 0) return (text, []);
        foreach (var (key, start, end) in blocks)
            if (last.TryGetValue(key, out int keep) && start != keep)
                for (int i = start; i < end; i++) lines[i] = "";
        return (string.Join('\n', lines), last.Keys.Order(StringComparer.Ordinal).ToList());
    }
}
