using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Pins;

namespace CondaRecipes.Recipes.Outputs;

/// <summary>
/// What <c>pin_subpackage</c> pins against: the name, version and build string of every output of this
/// variant (conda-build's <c>other_outputs</c>). <c>exact=True</c> gives <c>name version build</c>; otherwise
/// <c>name</c> and the pinning expressions applied to the output's version.
/// </summary>
internal sealed class SubpackagePins(IReadOnlyDictionary<string, (string Version, string BuildString)> outputs)
{
    public const string DefaultMinPin = "x.x.x.x.x.x";
    public const string DefaultMaxPin = "x";

    public IReadOnlyDictionary<string, (string Version, string BuildString)> Outputs { get; } = outputs;

    public string Pin(string name, string? minPin, string? maxPin, bool exact, int line)
    {
        if (!Outputs.TryGetValue(name, out var output))
            throw new TemplateError(OutputErrorCodes.SubpackageUnknown,
                $"pin_subpackage('{name}') names no output of this recipe (its outputs: {string.Join(", ", Outputs.Keys.Order(StringComparer.Ordinal))}).",
                line, "pin_subpackage pins a package this recipe builds; for a package from a channel use pin_compatible.");
        if (exact) return $"{name} {output.Version} {output.BuildString}";
        return $"{name} {PinExpression.Apply(output.Version, minPin, maxPin)}".TrimEnd();
    }

    /// <summary>The Jinja function: <c>pin_subpackage(name, min_pin='x.x.x.x.x.x', max_pin='x', exact=False)</c>.
    /// Without a table (the pass that learns the outputs) it returns the name.</summary>
    public static JinjaFunction Function(SubpackagePins? pins) => new("pin_subpackage", (args, kwargs, line) =>
    {
        object? Arg(int index, string key, object? fallback) =>
            kwargs.TryGetValue(key, out var v) ? v : args.Count > index ? args[index] : fallback;
        if (args.Count == 0 && !kwargs.ContainsKey("subpackage_name"))
            throw TemplateError.Evaluation("pin_subpackage() needs the name of an output as its first argument.", line);
        string name = JinjaMethods.RequireString(Arg(0, "subpackage_name", null), "pin_subpackage", line);
        if (pins is null) return name;
        string? min = Arg(1, "min_pin", DefaultMinPin) is var m && JinjaValues.IsNone(m) ? null : JinjaValues.ToStr(m, line);
        string? max = Arg(2, "max_pin", DefaultMaxPin) is var x && JinjaValues.IsNone(x) ? null : JinjaValues.ToStr(x, line);
        bool exact = JinjaValues.IsTruthy(Arg(3, "exact", false), line);
        return pins.Pin(name, min, max, exact, line);
    });
}
