using System.Text;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Writes the rendered tree back as YAML (the variant's rendered recipe: what the inputs hash and
/// <c>info/recipe</c> record) with, for each line, the recipe.yaml line it came from.
/// </summary>
internal static class V1Emitter
{
    public static (string Text, LineMap Map) Emit(V1Mapping root)
    {
        var sb = new StringBuilder();
        var lines = new List<int>();
        WriteMapping(root, 0, sb, lines);
        return (sb.ToString(), new LineMap(lines));
    }

    private static void WriteMapping(V1Mapping map, int indent, StringBuilder sb, List<int> lines)
    {
        foreach (var entry in map.Entries)
        {
            sb.Append(' ', indent).Append(Quote(entry.Key)).Append(':');
            WriteValue(entry.Value, indent, entry.Line, sb, lines);
        }
    }

    private static void WriteValue(V1Node value, int indent, int line, StringBuilder sb, List<int> lines)
    {
        switch (value)
        {
            case V1Scalar s:
                sb.Append(' ').Append(s.Value is null ? "null" : Quote(s.Value)).Append('\n');
                lines.Add(line);
                break;
            case V1Sequence { Items.Count: 0 }:
                sb.Append(" []\n");
                lines.Add(line);
                break;
            case V1Mapping { Entries.Count: 0 }:
                sb.Append(" {}\n");
                lines.Add(line);
                break;
            case V1Sequence seq:
                sb.Append('\n');
                lines.Add(line);
                foreach (var item in seq.Items)
                {
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is V1Mapping m && m.Entries.Count > 0)
                    {
                        // The first key on the dash's line, the others aligned below it.
                        var first = m.Entries[0];
                        sb.Append(' ').Append(Quote(first.Key)).Append(':');
                        WriteValue(first.Value, indent + 4, first.Line, sb, lines);
                        WriteMapping(m with { Entries = m.Entries.Skip(1).ToList() }, indent + 4, sb, lines);
                    }
                    else WriteValue(item, indent + 2, item.Line, sb, lines);
                }
                break;
            case V1Mapping map:
                sb.Append('\n');
                lines.Add(line);
                WriteMapping(map, indent + 2, sb, lines);
                break;
        }
    }

    /// <summary>Plain when YAML reads it back as the same string, else double-quoted (JSON escaping is valid YAML).</summary>
    private static string Quote(string text)
    {
        bool plain = text.Length > 0 && !text.Contains('\n') && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal)
            && "-?:,[]{}#&*!|>'\"%@`~ ".IndexOf(text[0]) < 0 && !text.EndsWith(' ') && !text.EndsWith(':')
            && text is not ("true" or "false" or "null" or "True" or "False" or "yes" or "no");
        return plain ? text : System.Text.Json.JsonSerializer.Serialize(text);
    }
}
