namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Methods callable on values: the Python string methods recipes use (<c>replace</c>, <c>split</c>,
/// <c>strip</c>, <c>lower</c>, ...), <c>dict.get/keys/values/items</c> and <c>environ.get</c>.
/// </summary>
internal static class JinjaMethods
{
    /// <param name="targetText">The target's source form for messages, e.g. <c>environ.get('X')</c>.</param>
    public static object? Call(object? target, string method, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, int line, string targetText)
    {
        switch (target)
        {
            case JinjaUndefined u:
                throw JinjaValues.Undefined(u, line);
            case JinjaSourcePending p:
                return p;
            case null or JinjaNone:
                throw NoneMethodError((target as JinjaNone) ?? JinjaNone.Literal, method, line, targetText);
            case string s:
                return CallStringMethod(s, method, args, line);
            case Dictionary<string, object?> dict:
                return CallMappingMethod(method, args, line, k => dict.TryGetValue(k, out var v) ? (true, v) : (false, null),
                    () => dict.Keys, () => dict.Values, "dict", targetText);
            case JinjaEnviron env:
                return CallEnvironMethod(env, method, args, kwargs, line);
            case Loading.RegexMatchValue match:
                return match.Call(method, args, line);
            default:
                throw NoMethod(target, method, line);
        }
    }

    private static TemplateError NoneMethodError(JinjaNone none, string method, int line, string targetText)
    {
        if (none.EnvironmentVariable is { } name)
            return new TemplateError(RecipeErrorCodes.EnvironmentVariableNotSet,
                $"The environment variable {name} is not set: {none.Origin ?? targetText} returned None, " +
                $"so '.{method}()' cannot be called on it.", line,
                $"Set {name} for the build (e.g. <CondaEnvironment Include=\"{name}\" Value=\"...\" /> in Directory.Build.props), " +
                $"or give environ.get a default: environ.get('{name}', '...').");
        return TemplateError.Evaluation(
            $"'{targetText}' is None, so '.{method}()' cannot be called on it.", line,
            $"Make sure '{targetText}' has a value, or test it first with 'is none'.");
    }

    private static TemplateError NoMethod(object? target, string method, int line) =>
        TemplateError.Evaluation($"A {JinjaValues.TypeName(target)} has no method '{method}' in this renderer.", line,
            "Supported: str.replace/split/rsplit/strip/lstrip/rstrip/lower/upper/title/capitalize/startswith/endswith/join/count/find, " +
            "dict.get/keys/values/items, environ.get.");

    private static object? CallEnvironMethod(JinjaEnviron env, string method, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        if (method == "get")
        {
            RequireArgs(args, 1, 2, "environ.get", line);
            string key = RequireString(args[0], "environ.get", line);
            if (env.Variables.TryGetValue(key, out var value)) return value;
            object? fallback = args.Count > 1 ? args[1] : kwargs.GetValueOrDefault("default");
            return fallback ?? new JinjaNone($"environ.get('{key}')", key);
        }
        return CallMappingMethod(method, args, line,
            k => env.Variables.TryGetValue(k, out var v) ? (true, v) : (false, null),
            () => env.Variables.Keys, () => env.Variables.Values, "environ", "environ");
    }

    private static object? CallMappingMethod(string method, IReadOnlyList<object?> args, int line,
        Func<string, (bool Found, object? Value)> lookup, Func<IEnumerable<string>> keys,
        Func<IEnumerable<object?>> values, string typeName, string targetText)
    {
        switch (method)
        {
            case "get":
            {
                RequireArgs(args, 1, 2, $"{typeName}.get", line);
                var (found, value) = args[0] is string k ? lookup(k) : (false, null);
                if (found) return value;
                return args.Count > 1 ? args[1] : new JinjaNone($"{targetText}.get({JinjaValues.Repr(args[0])})", null);
            }
            case "keys": return keys().Cast<object?>().ToList();
            case "values": return values().ToList();
            case "items": return keys().Select(k => (object?)new List<object?> { k, lookup(k).Value }).ToList();
            default:
                throw TemplateError.Evaluation($"A {typeName} has no method '{method}' in this renderer.", line,
                    "Supported mapping methods: get, keys, values, items.");
        }
    }

    private static object? CallStringMethod(string s, string method, IReadOnlyList<object?> args, int line)
    {
        switch (method)
        {
            case "replace":
            {
                RequireArgs(args, 2, 3, "str.replace", line);
                string old = RequireString(args[0], "str.replace", line), @new = RequireString(args[1], "str.replace", line);
                if (args.Count == 3) return ReplaceCount(s, old, @new, JinjaValues.ToLong(args[2]));
                return old.Length == 0 ? ReplaceCount(s, old, @new, -1) : s.Replace(old, @new, StringComparison.Ordinal);
            }
            case "split":
            case "rsplit":
            {
                RequireArgs(args, 0, 2, $"str.{method}", line);
                string? sep = args.Count > 0 && !JinjaValues.IsNone(args[0]) ? RequireString(args[0], $"str.{method}", line) : null;
                long max = args.Count > 1 ? JinjaValues.ToLong(args[1]) : -1;
                if (sep is not null && sep.Length == 0)
                    throw TemplateError.Evaluation("str.split: empty separator.", line);
                return StringSplitter.Split(s, sep, max, method == "rsplit");
            }
            case "strip":
            case "lstrip":
            case "rstrip":
            {
                RequireArgs(args, 0, 1, $"str.{method}", line);
                char[]? chars = args.Count > 0 && !JinjaValues.IsNone(args[0])
                    ? RequireString(args[0], $"str.{method}", line).ToCharArray() : null;
                return method switch
                {
                    "strip" => chars is null ? s.Trim() : s.Trim(chars),
                    "lstrip" => chars is null ? s.TrimStart() : s.TrimStart(chars),
                    _ => chars is null ? s.TrimEnd() : s.TrimEnd(chars),
                };
            }
            case "lower": RequireArgs(args, 0, 0, "str.lower", line); return s.ToLowerInvariant();
            case "upper": RequireArgs(args, 0, 0, "str.upper", line); return s.ToUpperInvariant();
            case "title": RequireArgs(args, 0, 0, "str.title", line); return JinjaFilters.Title(s);
            case "capitalize":
                RequireArgs(args, 0, 0, "str.capitalize", line);
                return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            case "startswith":
            case "endswith":
            {
                RequireArgs(args, 1, 1, $"str.{method}", line);
                var candidates = args[0] is List<object?> list ? list : [args[0]];
                return candidates.Any(c =>
                {
                    string p = RequireString(c, $"str.{method}", line);
                    return method == "startswith" ? s.StartsWith(p, StringComparison.Ordinal) : s.EndsWith(p, StringComparison.Ordinal);
                });
            }
            case "join":
                RequireArgs(args, 1, 1, "str.join", line);
                return string.Join(s, JinjaValues.Iterate(args[0], line).Select(x => RequireString(x, "str.join", line)));
            case "count":
            {
                RequireArgs(args, 1, 1, "str.count", line);
                string sub = RequireString(args[0], "str.count", line);
                if (sub.Length == 0) return (long)s.Length + 1;
                long n = 0;
                for (int i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
                return n;
            }
            case "find":
                RequireArgs(args, 1, 1, "str.find", line);
                return (long)s.IndexOf(RequireString(args[0], "str.find", line), StringComparison.Ordinal);
            default:
                throw NoMethod(s, method, line);
        }
    }

    private static string ReplaceCount(string s, string old, string @new, long count)
    {
        if (count < 0) count = long.MaxValue;
        if (old.Length == 0)
        {
            // Python inserts the replacement before every character and at the end.
            var sb = new System.Text.StringBuilder();
            long done = 0;
            foreach (char c in s)
            {
                if (done++ < count) sb.Append(@new);
                sb.Append(c);
            }
            if (done < count) sb.Append(@new);
            return sb.ToString();
        }
        var result = new System.Text.StringBuilder();
        int pos = 0;
        for (long n = 0; n < count; n++)
        {
            int i = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (i < 0) break;
            result.Append(s, pos, i - pos).Append(@new);
            pos = i + old.Length;
        }
        return result.Append(s, pos, s.Length - pos).ToString();
    }

    internal static void RequireArgs(IReadOnlyList<object?> args, int min, int max, string what, int line)
    {
        if (args.Count < min || args.Count > max)
            throw TemplateError.Evaluation(
                $"{what}() takes {(min == max ? $"{min}" : $"{min} to {max}")} argument(s), {args.Count} given.", line);
    }

    internal static string RequireString(object? v, string what, int line) => v switch
    {
        string s => s,
        JinjaUndefined u => throw JinjaValues.Undefined(u, line),
        _ => throw TemplateError.Evaluation($"{what}() needs a string, not {JinjaValues.TypeName(v)} {JinjaValues.Repr(v)}.", line),
    };
}
