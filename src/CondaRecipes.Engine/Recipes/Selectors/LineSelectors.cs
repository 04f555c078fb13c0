using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.Selectors;

/// <summary>
/// Applies line selectors to rendered text, after Jinja as conda-build does: a line ending in
/// <c># [expr]</c> is kept without its selector when <c>expr</c> is true and blanked otherwise; comment
/// lines are blanked. The line count never changes, so rendered lines still map to template lines.
/// Unlike conda-build, a selector must follow a <c>#</c> (so a YAML flow list <c>[a, b]</c> is never
/// taken for one) and an unknown name is an error, not a silent false.
/// </summary>
internal static partial class LineSelectors
{
    // Body, then '#', anything (a comment), the last [...] on the line, and trailing text without parentheses.
    [GeneratedRegex(@"^(?<body>.*?)\s*#.*\[(?<expr>[^\[\]]+)\][^()]*$")]
    private static partial Regex SelectorPattern();

    private static readonly ConcurrentDictionary<string, (Expr Expr, string[] Names)> Parsed = new(StringComparer.Ordinal);

    public sealed record Result(string Text, IReadOnlySet<string> UsedNames);

    /// <param name="lineMap">Maps rendered lines to template lines for error messages.</param>
    public static Result Apply(string rendered, SelectorNamespace ns, LineMap lineMap)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder(rendered.Length);
        var scope = new JinjaScope(name => ns.Values.TryGetValue(name, out var v) ? v : new JinjaUndefined(name));
        var cache = new Dictionary<string, bool>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var rawLine in rendered.Split('\n'))
        {
            lineNo++;
            if (lineNo > 1) sb.Append('\n');
            string line = rawLine.TrimEnd();
            if (line.Length == 0) continue;
            if (line.TrimStart().StartsWith('#')) continue; // a comment line: blank, as conda-build does
            if (line.IndexOf('#') < 0 || line.IndexOf('[') < 0 || line.IndexOf(']') < 0) // cheap test before the regex
            {
                sb.Append(rawLine);
                continue;
            }
            var match = SelectorPattern().Match(line);
            if (!match.Success)
            {
                sb.Append(rawLine);
                continue;
            }
            string expr = match.Groups["expr"].Value.Trim();
            int templateLine = lineMap.ToTemplateLine(lineNo);
            if (!cache.TryGetValue(expr, out bool keep))
            {
                keep = Evaluate(expr, ns, scope, used, templateLine);
                cache[expr] = keep;
            }
            else
            {
                foreach (var n in Parsed[expr].Names) used.Add(n);
            }
            if (keep)
            {
                sb.Append(match.Groups["body"].Value);
                char last = line[^1];
                if (last is '\'' or '"') sb.Append(last); // the whole line was quoted for YAML's sake
            }
        }
        return new Result(sb.ToString(), used);
    }

    private static bool Evaluate(string expr, SelectorNamespace ns, JinjaScope scope, HashSet<string> used, int line)
    {
        (Expr Expr, string[] Names) parsed;
        try
        {
            parsed = Parsed.GetOrAdd(expr, static e =>
            {
                var ast = ExpressionParser.ParseAll(e, 0);
                return (ast, CollectNames(ast).Distinct().ToArray());
            });
        }
        catch (TemplateError error)
        {
            throw new TemplateError(RecipeErrorCodes.SelectorInvalid,
                $"The selector '[{expr}]' is not a valid expression: {error.Message}", line,
                "Write the selector as a Python expression, e.g. '# [linux and py>=311]'.");
        }
        foreach (var name in parsed.Names)
        {
            if (!ns.Values.ContainsKey(name))
                throw new TemplateError(RecipeErrorCodes.UnknownSelectorName,
                    $"The selector '[{expr}]' uses the unknown name '{name}'.", line,
                    $"Known names: {string.Join(", ", ns.BuiltInNames)}, and the build's environment variables. " +
                    "Pass it as a variant variable or environment variable, or fix the spelling.");
            used.Add(name);
        }
        try
        {
            return JinjaValues.IsTruthy(ExpressionEvaluator.Evaluate(parsed.Expr, scope), line);
        }
        catch (TemplateError error)
        {
            throw new TemplateError(error.Code == RecipeErrorCodes.EnvironmentVariableNotSet ? error.Code : RecipeErrorCodes.SelectorInvalid,
                $"The selector '[{expr}]' cannot be evaluated: {error.Message}", line, error.Hint);
        }
    }

    private static IEnumerable<string> CollectNames(Expr e) => e switch
    {
        NameExpr n => [n.Name],
        UnaryExpr u => CollectNames(u.Operand),
        BinaryExpr b => CollectNames(b.Left).Concat(CollectNames(b.Right)),
        CompareExpr c => CollectNames(c.First).Concat(c.Rest.SelectMany(r => CollectNames(r.Value))),
        AttributeExpr a => CollectNames(a.Target),
        IndexExpr i => CollectNames(i.Target).Concat(CollectNames(i.Index)),
        CallExpr c => CollectNames(c.Callee).Concat(c.Args.SelectMany(CollectNames)),
        ListExpr l => l.Items.SelectMany(CollectNames),
        TestExpr t => CollectNames(t.Target),
        FilterExpr f => CollectNames(f.Target).Concat(f.Args.SelectMany(CollectNames)),
        ConditionalExpr c => CollectNames(c.Then).Concat(CollectNames(c.Condition)).Concat(c.Else is null ? [] : CollectNames(c.Else)),
        _ => [],
    };
}
