using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Loads recipe.yaml: plain YAML (expressions are inside scalars, so the file parses before anything is
/// rendered), its top level a mapping. Also finds every expression the file holds, taken branches or not,
/// as one parsed template, so that the engine's used-variable rules (<see cref="UsedVariables"/>) read them.
/// </summary>
internal static class V1Yaml
{
    public static YamlMappingNode Load(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CondaRecipesException(V1ErrorCodes.YamlInvalid,
                $"recipe.yaml is not valid YAML: {(e.InnerException?.Message ?? e.Message).Trim()}", file, (int)e.Start.Line,
                "Fix the YAML at that line; quote values that start with ${{ when they are keys' whole values only if YAML requires it.");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CondaRecipesException(V1ErrorCodes.YamlInvalid, "recipe.yaml's top level is not a mapping.", file,
                stream.Documents.Count == 0 ? 0 : (int)stream.Documents[0].RootNode.Start.Line,
                "Start with 'context:', 'package:' (or 'recipe:' with 'outputs:'), 'source:', 'build:' …");
        return root;
    }

    /// <summary>Every expression and condition of the file as one template of <c>{{ … }}</c> lines.</summary>
    /// <param name="skip">Nodes left out: the <c>then:</c>/<c>else:</c> branches a render did not take
    /// (<see cref="V1TreeResolver.Untaken"/>), which rattler-build never evaluates — except in a <c>script</c>,
    /// whose every branch it counts.</param>
    /// <param name="scope">When given, the scope the render evaluated with: of an inline <c>x if c else y</c>
    /// outside a script only the branch <c>c</c> selects counts, as only that one is evaluated.</param>
    public static ParsedTemplate Expressions(YamlNode root, string file, IReadOnlySet<YamlNode>? skip = null, JinjaScope? scope = null)
    {
        var lines = new List<(string Text, int Line, bool Script)>();
        Collect(root, file, lines, condition: false, skip, script: false);
        try
        {
            string text = string.Join("\n", lines.Select(l => l.Text));
            if (scope is null) return TemplateCache.Parse(text);
            return new ParsedTemplate(TemplateParser.Parse(text), c =>
                c.Line >= 1 && c.Line <= lines.Count && !lines[c.Line - 1].Script ? Taken(c, scope) : null);
        }
        catch (TemplateError e)
        {
            int line = e.Line >= 1 && e.Line <= lines.Count ? lines[e.Line - 1].Line : 0;
            throw new CondaRecipesException(V1ErrorCodes.ExpressionFailed, $"An expression does not parse: {e.Message}", file, line,
                "Fix the expression; recipe.yaml expressions are Jinja expressions between ${{ and }}.", e);
        }
    }

    // The branch a condition selects, or null (both count) when it cannot be evaluated on its own.
    private static bool? Taken(ConditionalExpr c, JinjaScope scope)
    {
        try
        {
            return JinjaValues.IsTruthy(ExpressionEvaluator.Evaluate(c.Condition, scope), c.Line);
        }
        catch (Exception e) when (e is TemplateError or CondaRecipesException)
        {
            return null;
        }
    }

    private static void Collect(YamlNode node, string file, List<(string, int, bool)> lines, bool condition, IReadOnlySet<YamlNode>? skip,
        bool script)
    {
        if (skip is not null && skip.Contains(node)) return;
        switch (node)
        {
            case YamlScalarNode { Value: { } text }:
                if (V1Expressions.HasExpression(text))
                    lines.AddRange(V1Expressions.Find(text, file, (int)node.Start.Line)
                        .Select(f => ("{{ " + f.Expression.Replace('\n', ' ') + " }}", (int)node.Start.Line, script)));
                else if (condition && text.Trim().Length > 0)
                    lines.Add(("{{ " + text.Replace('\n', ' ') + " }}", (int)node.Start.Line, script));
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children) Collect(item, file, lines, condition, skip, script);
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    string? key = (k as YamlScalarNode)?.Value;
                    // rattler-build keeps scripts as templates and counts what every branch of them names.
                    Collect(v, file, lines, key is "if" or "skip", key == "script" || script ? null : skip, script || key == "script");
                }
                break;
        }
    }
}
