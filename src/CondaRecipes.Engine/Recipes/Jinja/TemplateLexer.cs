namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Cuts a template into text and tag segments, applying Jinja's whitespace control: <c>{%-</c> strips the
/// whitespace (newlines included) before the tag, <c>-%}</c> the whitespace after it; the same for
/// <c>{{- -}}</c> and <c>{#- -#}</c>. Line numbers are kept for every segment so errors and the rendered
/// text can point back to the template.
/// </summary>
internal static class TemplateLexer
{
    public static List<TemplateSegment> Lex(string text)
    {
        var segments = new List<TemplateSegment>();
        int pos = 0, line = 1;
        bool stripNextLeading = false;
        while (pos < text.Length)
        {
            int open = FindTagOpen(text, pos);
            int textEnd = open < 0 ? text.Length : open;
            bool stripTrailing = open >= 0 && open + 2 < text.Length && text[open + 2] == '-';
            AddText(segments, text, pos, textEnd, line, stripNextLeading, stripTrailing);
            line += CountNewlines(text, pos, textEnd);
            if (open < 0) break;

            char kindChar = text[open + 1];
            var (kind, closer) = kindChar switch
            {
                '{' => (SegmentKind.Output, "}}"),
                '%' => (SegmentKind.Statement, "%}"),
                _ => (SegmentKind.Comment, "#}"),
            };
            int contentStart = open + 2 + (stripTrailing ? 1 : 0);
            int close = FindTagClose(text, contentStart, closer, kind == SegmentKind.Comment);
            if (close < 0)
            {
                string what = kind switch
                {
                    SegmentKind.Output => "'{{' is never closed by '}}'",
                    SegmentKind.Statement => "'{%' is never closed by '%}'",
                    _ => "'{#' comment is never closed by '#}'",
                };
                throw TemplateError.Syntax($"Unclosed Jinja tag: {what}.", line,
                    $"Close the tag with '{closer}' on the same or a later line.");
            }
            int contentEnd = close;
            stripNextLeading = close > contentStart && text[close - 1] == '-';
            if (stripNextLeading) contentEnd--;
            segments.Add(new TemplateSegment(kind, text.Substring(contentStart, contentEnd - contentStart), line));
            int after = close + 2;
            line += CountNewlines(text, open, after);
            pos = after;
        }
        return segments;
    }

    private static void AddText(List<TemplateSegment> segments, string text, int start, int end, int line,
        bool stripLeading, bool stripTrailing)
    {
        int s = start, e = end;
        if (stripLeading)
            while (s < e && char.IsWhiteSpace(text[s])) s++;
        if (stripTrailing)
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        if (e <= s) return;
        segments.Add(new TemplateSegment(SegmentKind.Text, text.Substring(s, e - s), line + CountNewlines(text, start, s)));
    }

    private static int FindTagOpen(string text, int from)
    {
        int i = from;
        while (true)
        {
            i = text.IndexOf('{', i);
            if (i < 0 || i + 1 >= text.Length) return -1;
            char c = text[i + 1];
            if (c == '{' || c == '%' || c == '#') return i;
            i++;
        }
    }

    /// <summary>Finds the closing delimiter, skipping quoted strings inside expressions.</summary>
    private static int FindTagClose(string text, int from, string closer, bool isComment)
    {
        if (isComment) return text.IndexOf(closer, from, StringComparison.Ordinal);
        char quote = '\0';
        for (int i = from; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            if (c == '\'' || c == '"') quote = c;
            else if (c == closer[0] && text[i + 1] == closer[1]) return i;
        }
        return -1;
    }

    internal static int CountNewlines(string text, int start, int end)
    {
        int n = 0;
        for (int i = text.IndexOf('\n', start); i >= 0 && i < end; i = text.IndexOf('\n', i + 1)) n++;
        return n;
    }
}
