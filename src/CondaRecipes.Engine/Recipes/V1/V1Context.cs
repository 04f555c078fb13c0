using System.Globalization;
using CondaRecipes.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// The <c>context:</c> mapping, evaluated in order: each value may use the variant, the functions and the
/// context values above it. Plain numbers and booleans keep their kind; everything else is a string; a list
/// of such values is a list.
/// </summary>
internal static class V1Context
{
    public static void Apply(YamlMappingNode root, V1Expressions expressions, string file)
    {
        var context = root.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "context").Value;
        if (context is null || context is YamlScalarNode { Value: null or "" }) return;
        if (context is not YamlMappingNode map)
            throw new CondaRecipesException(V1ErrorCodes.ContextInvalid, "context: is not a mapping of names to values.", file,
                (int)context.Start.Line, "Write one 'name: value' per line under context:.");
        foreach (var (k, v) in map.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? "";
            int line = (int)k.Start.Line;
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
                throw new CondaRecipesException(V1ErrorCodes.ContextInvalid, $"The context name '{name}' is not a valid variable name.", file, line,
                    "Use letters, digits and '_' (expressions read it as ${{ name }}).");
            expressions.Scope.Set(name, v switch
            {
                YamlScalarNode s => Value(s, expressions),
                // rattler-build keeps a list as a list (`list is sequence`, `list[0]`).
                YamlSequenceNode seq => seq.Children.Select(item => item is YamlScalarNode s ? Value(s, expressions)
                    : throw new CondaRecipesException(V1ErrorCodes.ContextInvalid, $"The context list '{name}' holds a list or mapping; its items must be single values.",
                        file, (int)item.Start.Line, "Give the list's items as strings, numbers or expressions.")).ToList(),
                _ => throw new CondaRecipesException(V1ErrorCodes.ContextInvalid, $"The context value '{name}' is a mapping; it must be a single value or a list.",
                    file, (int)v.Start.Line, "Give each context entry one value (a string, number or expression) or a list of them."),
            });
        }
    }

    /// <summary>
    /// The context names that hide a variant key of the same name: later expressions read the context value.
    /// rattler-build counts a variant key that context: redefines only when some context expression reads that
    /// name (<c>mpi: ${{ mpi ~ "_x" }}</c> does; <c>mpi: nompi</c> alone does not), whichever value it then reads.
    /// </summary>
    public static IReadOnlySet<string> Shadowing(YamlMappingNode root, string file)
    {
        if (root.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "context").Value is not YamlMappingNode map)
            return new HashSet<string>();
        var read = map.Children.SelectMany(kv => V1Yaml.Expressions(kv.Value, file).ReferencedNames).ToHashSet(StringComparer.Ordinal);
        return map.Children.Select(kv => (kv.Key as YamlScalarNode)?.Value).OfType<string>()
            .Where(name => !read.Contains(name)).ToHashSet(StringComparer.Ordinal);
    }

    private static object? Value(YamlScalarNode s, V1Expressions expressions)
    {
        string text = s.Value ?? "";
        if (V1Expressions.HasExpression(text)) return expressions.Evaluate(text, (int)s.Start.Line) ?? "";
        if (s.Style != ScalarStyle.Plain) return text;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (text is "true" or "True") return true;
        if (text is "false" or "False") return false;
        return text;
    }
}
