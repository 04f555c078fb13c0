using CondaRecipes.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Turns the parsed recipe.yaml into the rendered tree: every scalar's expressions evaluated, every list item
/// of the form <c>if: … then: … else: …</c> replaced by the branch it selects (a list branch is spliced in,
/// a missing branch drops the item), and keys or items that render to null dropped, as rattler-build does.
/// Conditions that <see cref="RawKeys"/> name are kept as written: the reader evaluates them.
/// </summary>
internal sealed class V1TreeResolver(V1Expressions expressions, string file)
{
    /// <summary>Keys whose scalar values are conditions, evaluated by the reader (<c>build.skip</c>).</summary>
    private static readonly HashSet<string> RawKeys = ["skip"];

    /// <summary>The <c>then:</c>/<c>else:</c> nodes the conditions did not select (by reference): rattler-build
    /// evaluates only the branch it takes, so what the others name is not used by the variant.</summary>
    public HashSet<YamlNode> Untaken { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Stands for <c>${{ build_number }}</c> in <c>build.string</c> until the package's build number is known.</summary>
    public const string BuildNumberPlaceholder = "V1BUILDNUMBERPLACEHOLDER";

    public V1Node? Resolve(YamlNode node) => Resolve(node, raw: false);

    private V1Node? Resolve(YamlNode node, bool raw, string? parentKey = null)
    {
        int line = (int)node.Start.Line;
        switch (node)
        {
            case YamlScalarNode s:
                return Scalar(s, raw);
            case YamlSequenceNode seq:
                return new V1Sequence(ResolveItems(seq.Children, raw), line) { File = file };
            case YamlMappingNode map:
            {
                var entries = new List<V1Entry>();
                foreach (var (k, v) in map.Children)
                {
                    if (k is not YamlScalarNode { Value: { } key })
                        throw new CondaRecipesException(V1ErrorCodes.ValueInvalid, "A mapping key is not a plain word.", file, (int)k.Start.Line,
                            "Write keys as plain words (name:, version:, …).");
                    if (key == "if")
                        throw new CondaRecipesException(V1ErrorCodes.SelectorInvalid,
                            "An 'if:' selector stands where a mapping of keys is expected; selectors select list items.", file, (int)k.Start.Line,
                            "Put the if/then/else in a list item ('- if: linux' then 'then: …'), or select the value with ${{ … if … else … }}.");
                    if ((parentKey == "build" && key == "string" ? BuildString(v) : Resolve(v, raw || RawKeys.Contains(key), key)) is { } value)
                        entries.Add(new V1Entry(key, value, (int)k.Start.Line));
                }
                return new V1Mapping(entries, line) { File = file };
            }
            default:
                throw new CondaRecipesException(V1ErrorCodes.ValueInvalid, "This YAML node kind is not supported in recipe.yaml.", file, line,
                    "Use scalars, lists and mappings (no aliases).");
        }
    }

    private List<V1Node> ResolveItems(IEnumerable<YamlNode> items, bool raw)
    {
        var result = new List<V1Node>();
        foreach (var item in items)
        {
            if (item is YamlMappingNode map && map.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "if"))
            {
                if (SelectBranch(map) is { } branch)
                {
                    if (branch is YamlSequenceNode list) result.AddRange(ResolveItems(list.Children, raw));
                    else if (Resolve(branch, raw) is { } one) result.Add(one);
                }
                continue;
            }
            if (Resolve(item, raw) is { } resolved) result.Add(resolved);
        }
        return result;
    }

    /// <summary>
    /// rattler-build renders <c>build.string</c> once the hash and build number are known, with <c>build_number</c>
    /// bound to the package's build number (over any context value of that name); the renderer puts it in.
    /// </summary>
    private V1Node? BuildString(YamlNode node)
    {
        var scope = expressions.Scope.CreateChild();
        scope.Set("build_number", BuildNumberPlaceholder);
        return new V1TreeResolver(new V1Expressions(scope, file), file).Resolve(node);
    }

    /// <summary>The <c>then</c> or <c>else</c> node the condition selects; null when it selects nothing.</summary>
    private YamlNode? SelectBranch(YamlMappingNode selector)
    {
        YamlNode? condition = null, then = null, otherwise = null;
        foreach (var (k, v) in selector.Children)
        {
            switch ((k as YamlScalarNode)?.Value)
            {
                case "if": condition = v; break;
                case "then": then = v; break;
                case "else": otherwise = v; break;
                default:
                    throw new CondaRecipesException(V1ErrorCodes.SelectorInvalid,
                        $"The selector item has the key '{(k as YamlScalarNode)?.Value}'; it may only have if, then and else.", file, (int)k.Start.Line,
                        "Write '- if: <condition>' with 'then:' (and optionally 'else:') below it.");
            }
        }
        int line = (int)selector.Start.Line;
        if (then is null)
            throw new CondaRecipesException(V1ErrorCodes.SelectorInvalid, "The 'if:' item has no 'then:'.", file, line,
                "Give the value to use when the condition holds under 'then:'.");
        if (condition is not YamlScalarNode { Value: { Length: > 0 } text })
            throw new CondaRecipesException(V1ErrorCodes.SelectorInvalid, "The 'if:' condition is empty or not a single expression.", file, line,
                "Write the condition as an expression, e.g. 'if: linux and match(python, \">=3.10\")'.");
        bool holds = expressions.Condition(text, (int)condition.Start.Line);
        if ((holds ? otherwise : then) is { } other) Untaken.Add(other);
        return holds ? then : otherwise;
    }

    private V1Scalar? Scalar(YamlScalarNode s, bool raw)
    {
        int line = ValueLine(s);
        bool quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
        string? text = s.Value;
        if (!quoted && (text is null or "" or "~" or "null" or "Null" or "NULL")) return null;
        if (raw || !V1Expressions.HasExpression(text)) return new V1Scalar(text, line) { File = file, Quoted = quoted };
        var value = expressions.Evaluate(text!, line);
        if (value is null) return null;
        return new V1Scalar(V1Expressions.ToText(value, line), line) { File = file, Quoted = value is string };
    }

    // Block scalars (| and >) start on the line after their indicator.
    private static int ValueLine(YamlScalarNode s) =>
        (int)s.Start.Line + (s.Style is ScalarStyle.Literal or ScalarStyle.Folded ? 1 : 0);
}
