using System.Text;
using System.Text.RegularExpressions;

namespace CondaRecipes.Pipeline.Outputs;

/// <summary>
/// An output's <c>files</c> globs as conda-build expands them (<c>expand_globs</c>: Python's
/// <c>glob(recursive=True)</c> relative to the prefix): <c>*</c> and <c>?</c> stay within one folder,
/// <c>**</c> spans folders, and a pattern naming a folder takes every file beneath it.
/// </summary>
public static class PrefixGlob
{
    /// <summary>The candidates (prefix-relative, '/'-separated) that <paramref name="patterns"/> select, in candidate order.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<string> candidates, IEnumerable<string> patterns)
    {
        var matchers = patterns.Select(p => p.Trim().TrimStart('/').TrimEnd('/')).Where(p => p.Length > 0).Select(Matcher).ToList();
        return candidates.Where(c => matchers.Any(m => m(c))).ToList();
    }

    private static Func<string, bool> Matcher(string pattern)
    {
        if (pattern.IndexOfAny(['*', '?', '[']) < 0)
            return path => path == pattern || path.StartsWith(pattern + "/", StringComparison.Ordinal);
        var regex = new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant);
        return path => regex.IsMatch(path);
    }

    private static string ToRegex(string pattern)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                bool wholeSegment = (i == 0 || pattern[i - 1] == '/') && (i + 2 == pattern.Length || pattern[i + 2] == '/');
                if (wholeSegment && i + 2 < pattern.Length) { sb.Append("(?:[^/]+/)*"); i += 2; }
                else { sb.Append(".*"); i++; }
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end and > 0)
            {
                string set = pattern[(i + 1)..end];
                sb.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = end;
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
