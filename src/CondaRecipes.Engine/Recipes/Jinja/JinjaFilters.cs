using System.Globalization;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// The filters of the subset, with Jinja's behaviour: <c>replace</c>, <c>lower</c>, <c>upper</c>,
/// <c>title</c>, <c>capitalize</c>, <c>default</c>/<c>d</c>, <c>join</c>, <c>int</c>, <c>float</c>,
/// <c>string</c>, <c>trim</c>, <c>length</c>/<c>count</c>, <c>first</c>, <c>last</c>, <c>list</c>.
/// </summary>
internal static class JinjaFilters
{
    public const string Supported = "replace, lower, upper, title, capitalize, default (d), join, int, float, string, trim, length (count), first, last, list";

    public static object? Apply(string name, object? value, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        if (name is "default" or "d")
        {
            JinjaMethods.RequireArgs(args, 0, 2, "default", line);
            bool boolean = args.Count > 1 ? JinjaValues.IsTruthy(args[1], line)
                : kwargs.TryGetValue("boolean", out var b) && JinjaValues.IsTruthy(b, line);
            object? fallback = args.Count > 0 ? args[0] : kwargs.GetValueOrDefault("default_value", "");
            if (value is JinjaUndefined || (boolean && !JinjaValues.IsTruthy(value, line))) return fallback;
            return value;
        }
        if (value is JinjaUndefined u) throw JinjaValues.Undefined(u, line);
        if (value is JinjaSourcePending) return value;

        switch (name)
        {
            case "replace":
            {
                JinjaMethods.RequireArgs(args, 2, 3, "replace", line);
                return JinjaMethods.Call(JinjaValues.ToStr(value, line), "replace", args, kwargs, line, "");
            }
            case "lower": return JinjaValues.ToStr(value, line).ToLowerInvariant();
            case "upper": return JinjaValues.ToStr(value, line).ToUpperInvariant();
            case "title": return Title(JinjaValues.ToStr(value, line));
            case "capitalize":
            {
                string s = JinjaValues.ToStr(value, line);
                return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            }
            case "trim": return JinjaValues.ToStr(value, line).Trim();
            case "string": return JinjaValues.ToStr(value, line);
            case "join":
            {
                string sep = args.Count > 0 ? JinjaMethods.RequireString(args[0], "join", line)
                    : kwargs.TryGetValue("d", out var d) ? JinjaMethods.RequireString(d, "join", line) : "";
                return string.Join(sep, JinjaValues.Iterate(value, line).Select(x => JinjaValues.ToStr(x, line)));
            }
            case "int": return ToInt(value, args.Count > 0 ? args[0] : 0L, line);
            case "float": return ToFloat(value, args.Count > 0 ? args[0] : 0.0);
            case "length" or "count":
                return value switch
                {
                    string s => (long)s.Length,
                    List<object?> l => (long)l.Count,
                    Dictionary<string, object?> dct => (long)dct.Count,
                    JinjaEnviron env => (long)env.Variables.Count,
                    _ => throw TemplateError.Evaluation($"A {JinjaValues.TypeName(value)} has no length.", line),
                };
            case "first": return JinjaValues.Iterate(value, line).FirstOrDefault(JinjaNone.Literal);
            case "last": return JinjaValues.Iterate(value, line).LastOrDefault(JinjaNone.Literal);
            case "list": return JinjaValues.Iterate(value, line).ToList();
            default:
                throw TemplateError.Evaluation($"Unknown Jinja filter '{name}'.", line, $"Supported filters: {Supported}.");
        }
    }

    internal static string Title(string s)
    {
        var chars = s.ToCharArray();
        bool start = true;
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]))
            {
                chars[i] = start ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
                start = false;
            }
            else start = true;
        }
        return new string(chars);
    }

    /// <summary>Jinja's <c>int</c>: numbers truncate, strings parse (also "3.7"), anything else gives the default.</summary>
    private static object? ToInt(object? value, object? fallback, int line) => value switch
    {
        long l => l,
        bool b => b ? 1L : 0L,
        double d => (long)Math.Truncate(d),
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (long)Math.Truncate(d),
        _ => fallback,
    };

    private static object? ToFloat(object? value, object? fallback) => value switch
    {
        long l => (double)l,
        double d => d,
        bool b => b ? 1.0 : 0.0,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => fallback,
    };
}
