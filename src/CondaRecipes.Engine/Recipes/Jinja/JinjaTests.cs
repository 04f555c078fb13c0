namespace CondaRecipes.Recipes.Jinja;

/// <summary>Jinja tests (<c>x is defined</c>, <c>x is none</c>, ...).</summary>
internal static class JinjaTests
{
    public static bool Apply(string name, object? value, IReadOnlyList<object?> args, int line)
    {
        if (name == "defined") return value is not JinjaUndefined;
        if (name == "undefined") return value is JinjaUndefined;
        if (value is JinjaUndefined u) throw JinjaValues.Undefined(u, line);
        return name switch
        {
            "none" => JinjaValues.IsNone(value),
            "string" => value is string,
            "number" => value is long or double,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "mapping" => value is Dictionary<string, object?> or JinjaEnviron,
            "sequence" or "iterable" => value is List<object?> or string or Dictionary<string, object?>,
            "even" => value is long l && l % 2 == 0,
            "odd" => value is long o && o % 2 != 0,
            "eq" or "equalto" or "sameas" when args.Count == 1 => JinjaValues.Equals(value, args[0]),
            "in" when args.Count == 1 => JinjaValues.Contains(args[0], value, line),
            _ => throw TemplateError.Evaluation($"Unknown Jinja test 'is {name}'.", line,
                "Supported tests: defined, undefined, none, string, number, integer, float, boolean, true, false, mapping, sequence, even, odd, eq, in."),
        };
    }
}
