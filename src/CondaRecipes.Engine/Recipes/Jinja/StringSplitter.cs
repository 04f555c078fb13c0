namespace CondaRecipes.Recipes.Jinja;

/// <summary>Python's <c>str.split</c> and <c>str.rsplit</c>, including the whitespace form (no separator).</summary>
internal static class StringSplitter
{
    public static List<object?> Split(string s, string? sep, long maxSplit, bool fromRight)
    {
        var parts = sep is null ? SplitWhitespace(s, maxSplit, fromRight) : SplitOn(s, sep, maxSplit, fromRight);
        return parts.Cast<object?>().ToList();
    }

    private static List<string> SplitOn(string s, string sep, long maxSplit, bool fromRight)
    {
        var all = s.Split(sep);
        if (maxSplit < 0 || all.Length - 1 <= maxSplit) return [.. all];
        int keep = (int)maxSplit;
        if (!fromRight)
            return [.. all.Take(keep), string.Join(sep, all.Skip(keep))];
        return [string.Join(sep, all.Take(all.Length - keep)), .. all.Skip(all.Length - keep)];
    }

    private static List<string> SplitWhitespace(string s, long maxSplit, bool fromRight)
    {
        var words = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (maxSplit < 0 || words.Length - 1 <= maxSplit) return [.. words];
        // With a limit, the remainder keeps its inner whitespace but loses the outer run, as in Python.
        int keep = (int)maxSplit;
        if (!fromRight)
        {
            var head = new List<string>();
            int pos = 0;
            for (int n = 0; n < keep; n++)
            {
                while (char.IsWhiteSpace(s[pos])) pos++;
                int start = pos;
                while (!char.IsWhiteSpace(s[pos])) pos++;
                head.Add(s[start..pos]);
            }
            head.Add(s[pos..].TrimStart());
            return head;
        }
        var tail = new List<string>();
        int end = s.Length;
        for (int n = 0; n < keep; n++)
        {
            while (char.IsWhiteSpace(s[end - 1])) end--;
            int stop = end;
            while (!char.IsWhiteSpace(s[end - 1])) end--;
            tail.Insert(0, s[end..stop]);
        }
        tail.Insert(0, s[..end].TrimEnd());
        return tail;
    }
}
