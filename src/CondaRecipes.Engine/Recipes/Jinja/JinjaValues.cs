using System.Globalization;
using System.Text;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Python's None. It remembers where it came from (e.g. <c>environ.get('NCAR_BUILD_ENV')</c>) so that
/// calling a method on it can say which environment variable is missing instead of a bare
/// "'NoneType' object has no attribute 'replace'".
/// </summary>
internal sealed class JinjaNone
{
    public static readonly JinjaNone Literal = new(null, null);

    public JinjaNone(string? origin, string? environmentVariable)
    {
        Origin = origin;
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>The expression that produced this None, when known.</summary>
    public string? Origin { get; }

    /// <summary>The unset environment variable that <c>environ.get</c> looked up, when that is the origin.</summary>
    public string? EnvironmentVariable { get; }

    public override string ToString() => "None";
}

/// <summary>A name that is not defined; usable only with <c>is defined</c> and the <c>default</c> filter.</summary>
internal sealed class JinjaUndefined(string name, string? hint = null)
{
    public string Name { get; } = name;

    /// <summary>Why the name is undefined and what to do, when the renderer knows better than "define it".</summary>
    public string? Hint { get; } = hint;
}

/// <summary>
/// What a <c>load_*</c> function gives before the source is fetched, when conda-build's first pass would
/// hand the template an undefined that never fails: attributes, items, method calls and filters on it give
/// it again, it is false, and it prints as an empty string. The render after the source stage replaces it.
/// </summary>
internal sealed class JinjaSourcePending
{
    public static readonly JinjaSourcePending Instance = new();

    private JinjaSourcePending() { }
}

/// <summary>A global function such as <c>compiler</c> or <c>pin_compatible</c>.</summary>
internal sealed class JinjaFunction(string name, Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, int, object?> body)
{
    public string Name { get; } = name;

    public object? Invoke(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line) =>
        body(args, kwargs, line);
}

/// <summary>
/// The <c>environ</c> mapping: the build's environment variables (never the renderer's own process
/// environment, so a render is reproducible from its inputs).
/// </summary>
internal sealed class JinjaEnviron(IReadOnlyDictionary<string, string> variables)
{
    public IReadOnlyDictionary<string, string> Variables { get; } = variables;
}

/// <summary>Python semantics for the values of the Jinja subset: truth, str(), repr(), equality, ordering.</summary>
internal static class JinjaValues
{
    public static bool IsNone(object? v) => v is null or JinjaNone;

    public static bool IsTruthy(object? v, int line) => v switch
    {
        null or JinjaNone or JinjaSourcePending => false,
        JinjaUndefined u => throw Undefined(u, line),
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        JinjaEnviron env => env.Variables.Count > 0,
        _ => true,
    };

    /// <summary>Python's <c>str()</c>, which is what <c>{{ }}</c> prints.</summary>
    public static string ToStr(object? v, int line) => v switch
    {
        string s => s,
        JinjaSourcePending => "",
        null or JinjaNone => "None",
        JinjaUndefined u => throw Undefined(u, line),
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        _ => Repr(v),
    };

    /// <summary>Python's <c>repr()</c>, used for items inside printed lists and dicts.</summary>
    public static string Repr(object? v)
    {
        switch (v)
        {
            case string s: return "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
            case List<object?> list:
                return "[" + string.Join(", ", list.Select(Repr)) + "]";
            case Dictionary<string, object?> dict:
                return "{" + string.Join(", ", dict.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}";
            case JinjaEnviron env:
                return "environ({" + string.Join(", ", env.Variables.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "})";
            case JinjaFunction f: return $"<function {f.Name}>";
            case JinjaUndefined u: return $"Undefined({u.Name})";
            default: return ToStr(v, 0);
        }
    }

    private static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('E')) return r.Replace("E", "e");
        return r.Contains('.') ? r : r + ".0";
    }

    public static string TypeName(object? v) => v switch
    {
        null or JinjaNone => "NoneType",
        JinjaUndefined => "Undefined",
        string => "str",
        bool => "bool",
        long => "int",
        double => "float",
        List<object?> => "list",
        Dictionary<string, object?> => "dict",
        JinjaEnviron => "environ",
        JinjaFunction => "function",
        _ => v.GetType().Name,
    };

    public static bool IsNumber(object? v) => v is long or double or bool;

    public static double ToDouble(object? v) => v switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not a number"),
    };

    public static long ToLong(object? v) => v switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not an integer"),
    };

    public static new bool Equals(object? a, object? b)
    {
        if (IsNone(a) || IsNone(b)) return IsNone(a) && IsNone(b);
        if (IsNumber(a) && IsNumber(b))
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        return (a, b) switch
        {
            (string x, string y) => x == y,
            (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Equals(p.First, p.Second)),
            (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
                x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var o) && Equals(kv.Value, o)),
            _ => ReferenceEquals(a, b),
        };
    }

    /// <summary>Ordering of numbers with numbers and strings with strings; anything else is Python's TypeError.</summary>
    public static int Compare(object? a, object? b, string op, int line)
    {
        if (IsNumber(a) && IsNumber(b))
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        if (a is string x && b is string y) return string.CompareOrdinal(x, y);
        if (a is List<object?> la && b is List<object?> lb)
        {
            for (int i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (Equals(la[i], lb[i])) continue;
                return Compare(la[i], lb[i], op, line);
            }
            return la.Count.CompareTo(lb.Count);
        }
        if (a is JinjaUndefined ua) throw Undefined(ua, line);
        if (b is JinjaUndefined ub) throw Undefined(ub, line);
        throw TemplateError.Evaluation(
            $"Cannot compare {TypeName(a)} {Repr(a)} {op} {TypeName(b)} {Repr(b)}{NoneOrigin(a, b)}.", line,
            "Compare values of the same kind (numbers with numbers, strings with strings), e.g. with |int or |string.");
    }

    private static string NoneOrigin(object? a, object? b)
    {
        var none = a as JinjaNone ?? b as JinjaNone;
        return none?.Origin is null ? "" : $" ({none.Origin} is None)";
    }

    public static bool Contains(object? container, object? item, int line)
    {
        switch (container)
        {
            case string s when item is string sub: return s.Contains(sub, StringComparison.Ordinal);
            case string: throw TemplateError.Evaluation($"'in <string>' requires a string on the left, not {TypeName(item)}.", line);
            case List<object?> list: return list.Any(x => Equals(x, item));
            case Dictionary<string, object?> dict: return item is string k && dict.ContainsKey(k);
            case JinjaEnviron env: return item is string key && env.Variables.ContainsKey(key);
            case JinjaUndefined u: throw Undefined(u, line);
            default:
                throw TemplateError.Evaluation($"Cannot test membership with 'in' in a {TypeName(container)}.", line);
        }
    }

    /// <summary>Iterates lists, strings (by character), dict keys and environ keys.</summary>
    public static IEnumerable<object?> Iterate(object? v, int line) => v switch
    {
        List<object?> list => list,
        string s => s.Select(c => (object?)c.ToString()),
        Dictionary<string, object?> dict => dict.Keys.Cast<object?>(),
        JinjaEnviron env => env.Variables.Keys.Cast<object?>(),
        JinjaUndefined u => throw Undefined(u, line),
        JinjaSourcePending => [],
        _ => throw TemplateError.Evaluation($"A {TypeName(v)} {Repr(v)} is not iterable.", line),
    };

    public static TemplateError Undefined(JinjaUndefined u, int line) =>
        new(RecipeErrorCodes.UndefinedVariable, $"'{u.Name}' is undefined.", line,
            u.Hint ?? $"Define it with '{{% set {u.Name} = ... %}}', pass it as a variant variable, " +
                      $"or guard it with '{u.Name} is defined' or '{u.Name}|default(...)'.");
}
