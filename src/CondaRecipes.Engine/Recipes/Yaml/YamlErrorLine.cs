using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace CondaRecipes.Recipes.Yaml;

/// <summary>
/// The line (of the rendered text, 1-based) a YAML error is about. YamlDotNet reports where it noticed the
/// fault: the end of the file for an unclosed <c>[</c> or <c>{</c>, the start of the mapping for a tab, line 1
/// for an undefined alias, and sometimes no position at all (a scanner state error). A user needs the line
/// that holds the fault, so those cases are located in the text itself.
/// </summary>
internal static partial class YamlErrorLine
{
    public static int Find(string text, Exception error)
    {
        var lines = text.Split('\n');
        var reported = error is YamlException y ? (int)y.Start.Line : 0;
        var message = error.Message;
        if (error is AnchorNotFoundException && AnchorName().Match(message) is { Success: true } anchor
            && FirstLine(lines, l => AliasUse(anchor.Groups[1].Value).IsMatch(StripComment(l))) is > 0 and var aliasLine)
            return aliasLine;
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase)
            && FirstLine(lines, l => l.Length > 0 && l.TrimStart(' ').StartsWith('\t')) is > 0 and var tabLine)
            return tabLine;
        // A bracket left open before the point the parser gave up is the fault, whatever the parser then expected.
        if (UnbalancedBracketLine(lines) is > 0 and var bracketLine && (reported == 0 || bracketLine <= reported))
            return bracketLine;
        return reported > 0 ? Math.Min(reported, Math.Max(lines.Length, 1)) : Math.Max(LastContentLine(lines), 1);
    }

    /// <summary>The line of the first <c>[</c>/<c>{</c> never closed (or closed by the wrong bracket); 0 when all balance.</summary>
    internal static int UnbalancedBracketLine(string[] lines)
    {
        var open = new Stack<(char Bracket, int Line)>();
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            char quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (quote == '"' && c == '\\') i++;
                    else if (c == quote) quote = '\0';
                    continue;
                }
                if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) break;
                if (c is '"' or '\'' && (i == 0 || " \t[{,:".Contains(line[i - 1]))) quote = c;
                else if (c is '[' or '{') open.Push((c, n + 1));
                else if (c is ']' or '}')
                {
                    if (open.Count == 0) return n + 1;
                    var top = open.Pop();
                    if ((top.Bracket == '[') != (c == ']')) return top.Line;
                }
            }
        }
        return open.Count == 0 ? 0 : open.Last().Line;
    }

    private static int FirstLine(string[] lines, Func<string, bool> test)
    {
        for (var n = 0; n < lines.Length; n++)
            if (test(lines[n])) return n + 1;
        return 0;
    }

    private static int LastContentLine(string[] lines)
    {
        for (var n = lines.Length - 1; n >= 0; n--)
            if (lines[n].Trim().Length > 0) return n + 1;
        return 0;
    }

    private static string StripComment(string line) => CommentTail().Replace(line, "");

    private static Regex AliasUse(string name) => new($@"(^|[\s\[{{,:])\*{Regex.Escape(name)}(?![^\s\]}},])", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"anchor '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex AnchorName();

    [GeneratedRegex(@"(^|\s)#.*$", RegexOptions.CultureInvariant)]
    private static partial Regex CommentTail();
}
