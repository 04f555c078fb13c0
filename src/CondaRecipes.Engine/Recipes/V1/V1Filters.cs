using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// The filters recipe.yaml has beyond the engine's Jinja ones (rattler-build's minijinja set):
/// <c>version_to_buildstring</c>, <c>split</c>, <c>abs</c>, <c>bool</c>, <c>min</c>, <c>max</c>, <c>reverse</c>,
/// <c>sort</c>, <c>unique</c>; and the tests <c>startingwith</c> and <c>endingwith</c> (<c>x is startingwith('py')</c>).
/// </summary>
internal static class V1Filters
{
    public static void AddTo(Dictionary<string, object?> globals)
    {
        Add(globals, "version_to_buildstring", (value, args, line) =>
        {
            // "3.12.1" → "312": the first two segments without the dot.
            if (JinjaValues.IsNone(value)) return "";
            return string.Concat(JinjaValues.ToStr(value, line).Split(' ')[0].Split('.').Take(2));
        });
        Add(globals, "split", (value, args, line) =>
        {
            string text = JinjaValues.ToStr(value, line);
            var parts = args.Count > 0 && !JinjaValues.IsNone(args[0])
                ? text.Split(JinjaMethods.RequireString(args[0], "split", line))
                : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return parts.Select(p => (object?)p).ToList();
        });
        Add(globals, "abs", (value, _, line) => value switch
        {
            long l => Math.Abs(l),
            double d => Math.Abs(d),
            _ => throw TemplateError.Evaluation($"abs needs a number, not a {JinjaValues.TypeName(value)}.", line),
        });
        Add(globals, "bool", (value, _, line) => JinjaValues.IsTruthy(value, line));
        Add(globals, "min", (value, _, line) => Sorted(value, line).FirstOrDefault(JinjaNone.Literal));
        Add(globals, "max", (value, _, line) => Sorted(value, line).LastOrDefault(JinjaNone.Literal));
        Add(globals, "sort", (value, _, line) => Sorted(value, line).ToList());
        Add(globals, "reverse", (value, _, line) => value is string s
            ? new string(s.Reverse().ToArray())
            : JinjaValues.Iterate(value, line).Reverse().ToList());
        Add(globals, "unique", (value, _, line) =>
        {
            var result = new List<object?>();
            foreach (var item in JinjaValues.Iterate(value, line))
                if (!result.Any(r => JinjaValues.Equals(r, item))) result.Add(item);
            return result;
        });
        AddTests(globals);
    }

    private static void AddTests(Dictionary<string, object?> globals)
    {
        AddTest(globals, "startingwith", (value, args, line) => JinjaValues.ToStr(value, line)
            .StartsWith(JinjaMethods.RequireString(args.Count == 1 ? args[0] : null, "startingwith", line), StringComparison.Ordinal));
        AddTest(globals, "endingwith", (value, args, line) => JinjaValues.ToStr(value, line)
            .EndsWith(JinjaMethods.RequireString(args.Count == 1 ? args[0] : null, "endingwith", line), StringComparison.Ordinal));
    }

    private static void AddTest(Dictionary<string, object?> globals, string name, Func<object?, IReadOnlyList<object?>, int, bool> body) =>
        globals[JinjaScope.TestPrefix + name] = new JinjaFunction(name, (args, _, line) =>
        {
            if (args[0] is JinjaUndefined u) throw JinjaValues.Undefined(u, line);
            return body(args[0], args.Skip(1).ToList(), line);
        });

    private static IEnumerable<object?> Sorted(object? value, int line)
    {
        var items = JinjaValues.Iterate(value, line).ToList();
        items.Sort((a, b) => JinjaValues.Compare(a, b, "<", line));
        return items;
    }

    private static void Add(Dictionary<string, object?> globals, string name, Func<object?, IReadOnlyList<object?>, int, object?> body) =>
        globals[JinjaScope.FilterPrefix + name] = new JinjaFunction(name, (args, _, line) =>
        {
            if (args[0] is JinjaUndefined u) throw JinjaValues.Undefined(u, line);
            return body(args[0], args.Skip(1).ToList(), line);
        });
}
