namespace CondaRecipes.ExternalCondaBuild.Patching;

/// <summary>
/// The little Python lexing the post.py patch needs: matching parentheses across lines while skipping
/// string literals and comments, and line/indentation helpers. Not a parser — the patch works on the
/// text so that it changes nothing but the few lines it means to.
/// </summary>
internal static class PythonText
{
    /// <summary>The index of the ')' matching the '(' at <paramref name="openIndex"/>, or -1.</summary>
    public static int MatchingParen(string text, int openIndex)
    {
        var depth = 0;
        for (var i = openIndex; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#')
            {
                i = LineEnd(text, i) - 1;
            }
            else if (c is '"' or '\'')
            {
                i = EndOfString(text, i);
                if (i < 0) return -1;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0) return c == ')' ? i : -1;
            }
        }
        return -1;
    }

    /// <summary>Index of the closing quote of the literal starting at <paramref name="start"/> (prefixes like f/r were already passed).</summary>
    private static int EndOfString(string text, int start)
    {
        var quote = text[start];
        var triple = start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote;
        var i = start + (triple ? 3 : 1);
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (!triple && text[i] == '\n') return -1;
            if (text[i] != quote) continue;
            if (!triple) return i;
            if (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote) return i + 2;
        }
        return -1;
    }

    public static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    /// <summary>Index of the '\n' ending the line that holds <paramref name="index"/>, or the text length.</summary>
    public static int LineEnd(string text, int index)
    {
        var newline = text.IndexOf('\n', index);
        return newline < 0 ? text.Length : newline;
    }

    public static string Indentation(string line) => line[..(line.Length - line.TrimStart(' ', '\t').Length)];

    public static bool IsBlank(string line) => line.Trim().Length == 0;
}
