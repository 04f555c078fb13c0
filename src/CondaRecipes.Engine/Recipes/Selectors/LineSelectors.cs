using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.Selectors;

/// <summary>
/// conda-build's <c>select_lines</c>, which it runs twice: on the template text before Jinja (so a line
/// whose selector is false never reaches Jinja) and on the rendered text before YAML. A line ending in
/// <c># [expr]</c> is kept without its selector when <c>expr</c> is true and dropped otherwise; a comment
/// line becomes an empty line; every other line is kept. A name the namespace lacks counts as
/// <c>False</c>, as in conda-build, and is reported as a warning naming the line.
/// Unlike conda-build, a selector must follow a <c>#</c> (so a YAML flow list <c>[a, b]</c> is never
/// taken for one).
/// </summary>
internal static partial class LineSelectors
{
    // Body, then '#', anything (a comment), the last [...] on the line, and trailing text without parentheses.
    [GeneratedRegex(@"^(?<body>.*?)\s*#.*\[(?<expr>[^\[\]]+)\][^()]*$")]
    private static partial Regex SelectorPattern();

    private static readonly ConcurrentDictionary<string, (Expr Expr, string[] Names)> Parsed = new(StringComparer.Ordinal);

    /// <param name="Text">The kept lines.</param>
    /// <param name="Map">Maps lines of <paramref name="Text"/> to template lines.</param>
    /// <param name="UsedNames">Names the evaluated selectors read from the namespace.</param>
    /// <param name="Warnings">One per selector that uses names the namespace lacks (evaluated as False).</param>
    public sealed record Result(string Text, LineMap Map, IReadOnlySet<string> UsedNames, IReadOnlyList<Diagnostic> Warnings);

    /// <param name="lineMap">Maps lines of <paramref name="text"/> to template lines (for messages and the result's map).</param>
    /// <param name="file">The meta.yaml, named in warnings.</param>
    public static Result Apply(string text, SelectorNamespace ns, LineMap lineMap, string? file = null)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<Diagnostic>();
        var sb = new StringBuilder(text.Length);
        var sources = new List<int>();
        var cache = new Dictionary<string, bool>(StringComparer.Ordinal);
        int lineNo = 0;
        var lines = text.Split('\n');
        // A final newline ends the last line rather than starting an empty one.
        int count = lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            string rawLine = lines[i];
            lineNo++;
            int templateLine = lineMap.ToTemplateLine(lineNo);
            string? kept = Select(rawLine, ns, cache, used, warnings, file, templateLine);
            if (kept is null) continue;
            sb.Append(kept).Append('\n');
            sources.Add(templateLine);
        }
        return new Result(sb.ToString(), new LineMap(sources), used, warnings);
    }

    /// <summary>The line as kept (comment lines empty), or null when its selector drops it.</summary>
    private static string? Select(string rawLine, SelectorNamespace ns, Dictionary<string, bool> cache,
        HashSet<string> used, List<Diagnostic> warnings, string? file, int templateLine)
    {
        string line = rawLine.TrimEnd();
        if (line.Length == 0 || line.TrimStart().StartsWith('#')) return "";
        if (line.IndexOf('#') < 0 || line.IndexOf('[') < 0 || line.IndexOf(']') < 0) // cheap test before the regex
            return rawLine.TrimEnd('\r');
        var match = SelectorPattern().Match(line);
        if (!match.Success) return rawLine.TrimEnd('\r');
        string expr = match.Groups["expr"].Value.Trim();
        if (!cache.TryGetValue(expr, out bool keep))
        {
            keep = Evaluate(expr, ns, used, warnings, file, templateLine);
            cache[expr] = keep;
        }
        if (!keep) return null;
        char last = line[^1];
        // The whole line was quoted for YAML's sake: keep the closing quote.
        return match.Groups["body"].Value + (last is '\'' or '"' ? last.ToString() : "");
    }

    private static bool Evaluate(string expr, SelectorNamespace ns, HashSet<string> used, List<Diagnostic> warnings,
        string? file, int line)
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
        var unknown = new List<string>();
        foreach (var name in parsed.Names)
        {
            if (ns.Values.ContainsKey(name)) used.Add(name);
            else unknown.Add(name);
        }
        if (unknown.Count > 0)
            warnings.Add(Diagnostic.Warning(RecipeErrorCodes.UnknownSelectorName,
                $"The selector '[{expr}]' uses the unknown name{(unknown.Count == 1 ? "" : "s")} " +
                $"'{string.Join("', '", unknown)}', which count{(unknown.Count == 1 ? "s" : "")} as False (as in conda-build). " +
                "Pass it as a variant variable or environment variable, or fix the spelling.", file, line));
        // conda-build replaces each unknown name by False and evaluates again.
        var scope = new JinjaScope(name => ns.Values.TryGetValue(name, out var v) ? v : false);
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
