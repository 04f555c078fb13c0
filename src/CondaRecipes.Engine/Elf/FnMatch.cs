using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace CondaRecipes.Elf;

/// <summary>
/// Shell-style matching with the semantics of Python's <c>fnmatch.fnmatchcase</c>, which conda-build uses
/// for <c>host_runpath_whitelist</c>, <c>missing_dso_whitelist</c> and <c>binary_relocation</c>:
/// <c>*</c> matches any run of characters including <c>/</c>, <c>?</c> one character, <c>[seq]</c> one
/// character in seq (ranges <c>a-z</c>), <c>[!seq]</c> one not in seq; a <c>[</c> without a closing
/// <c>]</c> is literal, and a backslash is never an escape. Case-sensitive, as on POSIX.
/// </summary>
public static class FnMatch
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new();

    public static bool IsMatch(string name, string pattern) =>
        Cache.GetOrAdd(pattern, p => new Regex(Translate(p), RegexOptions.Singleline | RegexOptions.CultureInvariant)).IsMatch(name);

    /// <summary>True when <paramref name="name"/> matches any of <paramref name="patterns"/>.</summary>
    public static bool IsMatchAny(string name, IEnumerable<string> patterns) => patterns.Any(p => IsMatch(name, p));

    /// <summary>The .NET regular expression equivalent to <paramref name="pattern"/>.</summary>
    internal static string Translate(string pattern)
    {
        var sb = new StringBuilder("^");
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i++];
            switch (c)
            {
                case '*':
                    while (i < pattern.Length && pattern[i] == '*') i++;
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    var close = FindSetEnd(pattern, i);
                    if (close < 0) { sb.Append(@"\["); break; }
                    AppendSet(sb, pattern.AsSpan(i, close - i));
                    i = close + 1;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.Append(@"\z").ToString();
    }

    /// <summary>Index of the <c>]</c> closing a set whose content starts at <paramref name="start"/>; a
    /// <c>]</c> right after <c>[</c> or <c>[!</c> is a member, not the end. -1 when unclosed.</summary>
    private static int FindSetEnd(string p, int start)
    {
        var j = start;
        if (j < p.Length && p[j] == '!') j++;
        if (j < p.Length && p[j] == ']') j++;
        while (j < p.Length && p[j] != ']') j++;
        return j < p.Length ? j : -1;
    }

    private static void AppendSet(StringBuilder sb, ReadOnlySpan<char> content)
    {
        var negate = content.Length > 0 && content[0] == '!';
        if (negate) content = content[1..];
        var items = new StringBuilder();
        for (var p = 0; p < content.Length;)
        {
            if (p + 2 < content.Length && content[p + 1] == '-')
            {
                // A reversed range (z-a) matches nothing, as in Python, which drops it.
                if (content[p] <= content[p + 2]) items.Append($@"\u{(int)content[p]:x4}-\u{(int)content[p + 2]:x4}");
                p += 3;
            }
            else
            {
                items.Append($@"\u{(int)content[p]:x4}");
                p++;
            }
        }
        if (items.Length == 0) sb.Append(negate ? @"[\s\S]" : "(?!)");
        else sb.Append('[').Append(negate ? "^" : "").Append(items).Append(']');
    }
}
