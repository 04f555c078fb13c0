using System.Text;
using System.Text.RegularExpressions;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// The globs of a <c>package_contents</c> test, matched against whole package-relative paths as rattler-build
/// matches them (globset without a literal separator): <c>*</c> and <c>?</c> also cross '/', <c>**/</c> and
/// <c>/**/</c> also match no folder, <c>{a,b}</c> alternates (an empty one allowed), <c>[…]</c> and <c>[!…]</c>
/// classes. Unlike an output's <c>files</c> (PrefixGlob), a name without wildcards means that one path only.
/// </summary>
public sealed class ContentGlob
{
    private readonly Regex _regex;

    public ContentGlob(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path);

    private static string ToRegex(string pattern)
    {
        var sb = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                bool atStart = i == 0 || pattern[i - 1] == '/';
                bool slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                if (atStart && slashAfter) { sb.Append("(?:.*/)?"); i += 2; }
                else { sb.Append(".*"); i++; }
            }
            else if (c == '*') sb.Append(".*");
            else if (c == '?') sb.Append('.');
            else if (c == '{') { sb.Append("(?:"); depth++; }
            else if (c == '}' && depth > 0) { sb.Append(')'); depth--; }
            else if (c == ',' && depth > 0) sb.Append('|');
            else if (c == '[' && pattern.IndexOf(']', i + 2) is var end and > 0)
            {
                string set = pattern[(i + 1)..end];
                bool negated = set.StartsWith('!') || set.StartsWith('^');
                if (negated) set = set[1..];
                sb.Append('[').Append(negated ? "^" : "").Append(Regex.Escape(set).Replace("\\-", "-")).Append(']');
                i = end;
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
