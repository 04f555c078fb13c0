namespace CondaRecipes.Recipes.Jinja;

/// <summary>Executes a parsed template: text, output, set, import, if and for, writing to a <see cref="RenderOutput"/>.</summary>
internal static class TemplateRenderer
{
    public static RenderOutput Render(ParsedTemplate template, JinjaScope scope)
    {
        var output = new RenderOutput();
        Execute(template.Nodes, scope, output);
        return output;
    }

    private static void Execute(IReadOnlyList<TemplateNode> nodes, JinjaScope scope, RenderOutput output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    output.Append(t.Text, t.Line, advancesLines: true);
                    break;
                case OutputNode o:
                {
                    var value = ExpressionEvaluator.Evaluate(o.Value, scope);
                    // Stricter than Jinja, which would print "None": an unset variable printed into the
                    // recipe is always a mistake (a version or build string reading "None").
                    if (value is JinjaNone { EnvironmentVariable: { } name } none)
                        throw new TemplateError(RecipeErrorCodes.EnvironmentVariableNotSet,
                            $"The environment variable {name} is not set: {none.Origin} returned None, which would be written into the recipe as 'None'.",
                            o.Line,
                            $"Set {name} for the build (e.g. <CondaEnvironment Include=\"{name}\" Value=\"...\" /> in Directory.Build.props), " +
                            $"or give a default: environ.get('{name}', '...').");
                    output.Append(JinjaValues.ToStr(value, o.Line), o.Line, advancesLines: false);
                    break;
                }
                case SetNode s:
                    Assign(scope, s.Targets, ExpressionEvaluator.Evaluate(s.Value, scope), s.Line);
                    break;
                case IfNode i:
                {
                    var branch = i.Branches.FirstOrDefault(b => JinjaValues.IsTruthy(ExpressionEvaluator.Evaluate(b.Condition, scope), b.Condition.Line));
                    var body = branch?.Body ?? i.Else;
                    if (body is not null) Execute(body, scope, output);
                    break;
                }
                case ForNode f:
                    ExecuteFor(f, scope, output);
                    break;
                case ImportNode im:
                    scope.Set(im.Alias, TemplateImport.Import(im, scope));
                    break;
            }
        }
    }

    private static void ExecuteFor(ForNode f, JinjaScope scope, RenderOutput output)
    {
        var items = JinjaValues.Iterate(ExpressionEvaluator.Evaluate(f.Iterable, scope), f.Line).ToList();
        var kept = new List<(object? Item, JinjaScope Scope)>();
        foreach (var item in items)
        {
            var child = scope.CreateChild();
            Assign(child, f.Targets, item, f.Line);
            if (f.Filter is null || JinjaValues.IsTruthy(ExpressionEvaluator.Evaluate(f.Filter, child), f.Line))
                kept.Add((item, child));
        }
        if (kept.Count == 0)
        {
            if (f.Else is not null) Execute(f.Else, scope.CreateChild(), output);
            return;
        }
        for (int n = 0; n < kept.Count; n++)
        {
            var child = kept[n].Scope;
            child.Set("loop", new Dictionary<string, object?>
            {
                ["index"] = (long)n + 1, ["index0"] = (long)n, ["first"] = n == 0, ["last"] = n == kept.Count - 1,
                ["length"] = (long)kept.Count, ["revindex"] = (long)(kept.Count - n), ["revindex0"] = (long)(kept.Count - n - 1),
            });
            Execute(f.Body, child, output);
        }
    }

    private static void Assign(JinjaScope scope, IReadOnlyList<string> targets, object? value, int line)
    {
        if (targets.Count == 1)
        {
            scope.Set(targets[0], value);
            return;
        }
        var parts = JinjaValues.Iterate(value, line).ToList();
        if (parts.Count != targets.Count)
            throw TemplateError.Evaluation(
                $"Cannot unpack {parts.Count} value(s) into {targets.Count} names ({string.Join(", ", targets)}).", line);
        for (int k = 0; k < targets.Count; k++) scope.Set(targets[k], parts[k]);
    }
}
