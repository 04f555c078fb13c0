using CondaRecipes.Recipes.Pins;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// The template's <c>pin_compatible(package_name, lower_bound=None, upper_bound=None, min_pin='x.x.x.x.x.x',
/// max_pin='x', exact=False)</c>, with conda-build's positional order. It renders the pending pin's marker
/// (<see cref="PinCompatible"/>); the bounds are computed after the host environment is resolved.
/// </summary>
internal static class PinCompatibleCall
{
    private static readonly string[] Positional = ["package_name", "lower_bound", "upper_bound", "min_pin", "max_pin"];
    private static readonly HashSet<string> Keywords = [.. Positional, "exact", "permit_undefined_jinja", "bypass_env_check"];

    public static object? Render(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        if (args.Count > Positional.Length)
            throw Invalid($"pin_compatible() takes at most {Positional.Length} positional arguments, {args.Count} given.", line);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++) values[Positional[i]] = args[i];
        foreach (var (key, value) in kwargs)
        {
            if (!Keywords.Contains(key))
                throw Invalid($"pin_compatible() has no argument '{key}'.", line);
            if (!values.TryAdd(key, value))
                throw Invalid($"pin_compatible() got argument '{key}' twice.", line);
        }
        if (!values.TryGetValue("package_name", out var name) || JinjaValues.IsNone(name))
            throw Invalid("pin_compatible() needs the package name as its first argument.", line);

        var pin = new PinCompatible(JinjaMethods.RequireString(name, "pin_compatible", line).Trim())
        {
            MinPin = values.TryGetValue("min_pin", out var min) ? Optional(min, line) : PinCompatible.DefaultMinPin,
            MaxPin = values.TryGetValue("max_pin", out var max) ? Optional(max, line) : PinCompatible.DefaultMaxPin,
            LowerBound = values.TryGetValue("lower_bound", out var lower) ? Optional(lower, line) : null,
            UpperBound = values.TryGetValue("upper_bound", out var upper) ? Optional(upper, line) : null,
            Exact = values.TryGetValue("exact", out var exact) && JinjaValues.IsTruthy(exact, line),
        };
        if (pin.Name.Length == 0 || pin.Name.Contains(' '))
            throw Invalid($"pin_compatible() needs a package name, not '{pin.Name}'.", line);
        return pin.ToSpecText();
    }

    // Bounds may be written as numbers (lower_bound=1.0), which Python prints with str().
    private static string? Optional(object? value, int line) =>
        JinjaValues.IsNone(value) ? null : JinjaValues.ToStr(value, line) is { Length: > 0 } s ? s : null;

    private static TemplateError Invalid(string message, int line) =>
        new(RecipeErrorCodes.PinArgumentInvalid, message, line,
            "conda-build's signature: pin_compatible(name, lower_bound=None, upper_bound=None, min_pin='x.x.x.x.x.x', max_pin='x', exact=False).");
}
