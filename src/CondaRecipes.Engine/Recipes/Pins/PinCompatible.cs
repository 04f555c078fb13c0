using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes.Pins;

/// <summary>
/// A <c>pin_compatible(name, …)</c> call, waiting for the version of <paramref name="Name"/> that the build
/// resolves. conda-build solves the environments while it renders; this engine renders first (so a plan and
/// the up-to-date check need no solve) and resolves the environments in the build, so the call renders to a
/// marker requirement (<see cref="ToSpecText"/>, e.g. <c>numpy pin_compatible(max_pin=x.x)</c>) that the run
/// requirements rule replaces by the pin once the host environment is known.
/// </summary>
/// <param name="MinPin">Lower-bound expression; null for no lower bound.</param>
/// <param name="MaxPin">Upper-bound expression; null for no upper bound.</param>
/// <param name="LowerBound">Replaces the resolved version as the lower bound.</param>
/// <param name="UpperBound">The upper bound as written, instead of one computed from <paramref name="MaxPin"/>.</param>
/// <param name="Exact">Pin to the resolved version and build string.</param>
/// <param name="Build">A build-string match the requirement ends with (recipe.yaml's <c>build=</c>).</param>
public sealed partial record PinCompatible(string Name, string? MinPin = PinCompatible.DefaultMinPin,
    string? MaxPin = PinCompatible.DefaultMaxPin, string? LowerBound = null, string? UpperBound = null, bool Exact = false,
    string? Build = null)
{
    public const string DefaultMinPin = "x.x.x.x.x.x";
    public const string DefaultMaxPin = "x";
    private const string Function = "pin_compatible";

    [GeneratedRegex(@"^(?<name>\S+) pin_compatible\((?<args>[^()]*)\)$")]
    private static partial Regex Marker();

    /// <summary>The marker text the template renders: the name and the arguments that differ from the defaults.</summary>
    public string ToSpecText()
    {
        var args = new List<string>();
        if (MinPin != DefaultMinPin) args.Add($"min_pin={MinPin ?? "None"}");
        if (MaxPin != DefaultMaxPin) args.Add($"max_pin={MaxPin ?? "None"}");
        if (LowerBound is not null) args.Add($"lower_bound={LowerBound}");
        if (UpperBound is not null) args.Add($"upper_bound={UpperBound}");
        if (Exact) args.Add("exact=True");
        if (Build is not null) args.Add($"build={Build}");
        return $"{Name} {Function}({string.Join(';', args)})";
    }

    /// <summary>The pending pin a requirement's text stands for, or null for an ordinary requirement.</summary>
    public static PinCompatible? FromSpec(string spec)
    {
        var m = Marker().Match(spec);
        if (!m.Success) return null;
        var pin = new PinCompatible(m.Groups["name"].Value);
        foreach (var arg in m.Groups["args"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (arg[..arg.IndexOf('=')], arg[(arg.IndexOf('=') + 1)..]);
            string? v = value == "None" ? null : value;
            pin = key switch
            {
                "min_pin" => pin with { MinPin = v },
                "max_pin" => pin with { MaxPin = v },
                "lower_bound" => pin with { LowerBound = v },
                "upper_bound" => pin with { UpperBound = v },
                "exact" => pin with { Exact = value == "True" },
                "build" => pin with { Build = value },
                _ => pin,
            };
        }
        return pin;
    }

    /// <summary>
    /// The requirement conda-build writes for this call, given the version and build <paramref name="Name"/>
    /// was resolved at (null when it was not resolved); null when nothing can be computed (not resolved and
    /// no lower bound given, or no bound at all).
    /// </summary>
    public string? Resolve(string? version, string? build)
    {
        string compatibility = "";
        if (Exact && version is not null)
            compatibility = build is null ? version : $"{version} {build}";
        else if ((LowerBound ?? version) is { } floor)
        {
            if (UpperBound is not null)
                compatibility = (MinPin is not null || LowerBound is not null ? $">={floor}," : "") + $"<{UpperBound}";
            else
                compatibility = PinExpression.Apply(floor, MinPin, MaxPin);
        }
        // A build-string match is the third field: a pin without a version part gets '*' before it.
        if (Build is not null && !Exact) return $"{Name} {(compatibility.Length == 0 ? "*" : compatibility)} {Build}";
        return compatibility.Length == 0 ? null : $"{Name} {compatibility}";
    }
}
