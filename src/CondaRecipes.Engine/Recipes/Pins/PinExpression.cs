using System.Numerics;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.Pins;

/// <summary>
/// conda-build's pin expressions (<c>apply_pin_expressions</c>): from a version actually resolved and two
/// expressions such as <c>x.x.x.x.x.x</c> (lower) and <c>x</c> (upper), the bounds of a run requirement. The
/// number of <c>x</c> is the number of version places kept; the last kept place of the upper bound is
/// incremented, with <c>.0a0</c> appended (<c>1.2.3</c>, <c>x.x</c> → <c>&lt;1.3.0a0</c>), or <c>a</c> when the next
/// place is alphabetic (openssl <c>1.0.2j</c>, <c>x.x.x</c> → <c>&lt;1.0.3a</c>), and a letter place becomes the next
/// letter (<c>x.x.x.x</c> → <c>&lt;1.0.2k</c>). Every pin of the engine (pin_run_as_build, pin_compatible,
/// pin_subpackage) computes its bounds here, so their strings are the ones conda-build writes.
/// </summary>
public static class PinExpression
{
    /// <summary>Bounds such as <c>&gt;=1.2.3,&lt;2.0a0</c>; "" when both expressions are null or empty.</summary>
    /// <exception cref="CondaRecipesException">CR1040 when the version cannot be read or a bound cannot be incremented.</exception>
    public static string Apply(string version, string? minPin = "x.x.x.x.x.x.x", string? maxPin = "x")
    {
        var parsed = Parse(version);
        int?[] pins = [Places(minPin), Places(maxPin)];
        // conda-build flattens the components; every component is a list there, so the last one's index is
        // where no dot follows (which only matters when its runs are split, e.g. "2j").
        int nesting = parsed.Count - 1;
        var flat = parsed.SelectMany(c => c).ToList();
        if (pins[1] is { } upper && upper > flat.Count) pins[1] = flat.Count;

        var bounds = new[] { "", "" };
        for (int which = 0; which < 2; which++)
        {
            if (pins[which] is not { } pin || pin == 0) continue;
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < Math.Min(pin, flat.Count); i++)
            {
                string place = flat[i];
                if (which == 1 && i == pin - 1)
                    place = Increment(place, IsAlpha(flat[Math.Min(pin, flat.Count - 1)]), version);
                text.Append(place);
                if (i != nesting) text.Append('.');
            }
            bounds[which] = text.ToString().TrimEndOnce('.');
        }

        if (bounds[0].Length > 0)
        {
            string bare = version.EndsWith(".*", StringComparison.Ordinal) ? version[..^2]
                : version.EndsWith('*') ? version[..^1] : version;
            // A pre-release below the kept places (1.2.0rc1 with x.x.x → 1.2.0) keeps itself as the floor.
            bounds[0] = Parse(bare, out var order) is not null && order < VersionOrder.Parse(bounds[0])
                ? ">=" + version : ">=" + bounds[0];
        }
        if (bounds[1].Length > 0) bounds[1] = "<" + bounds[1];
        return string.Join(",", bounds.Where(b => b.Length > 0));
    }

    private static int? Places(string? expression) => string.IsNullOrEmpty(expression) ? null : expression.Split('.').Length;

    private static IReadOnlyList<IReadOnlyList<string>> Parse(string version) =>
        Parse(version, out _) ?? throw new CondaRecipesException(RecipeErrorCodes.PinNotComputable,
            $"Cannot pin to version '{version}': it is not a conda version.",
            hint: "Pins are computed from the version a package was resolved at; check that package's version.");

    private static IReadOnlyList<IReadOnlyList<string>>? Parse(string version, out VersionOrder order)
    {
        order = null!;
        if (!VersionOrder.TryParse(version, out var parsed)) return null;
        order = parsed!;
        return parsed!.MainComponents;
    }

    // Python's str.isalpha(): non-empty and every character a letter.
    private static bool IsAlpha(string s) => s.Length > 0 && s.All(char.IsLetter);

    private static string Increment(string place, bool nextIsAlpha, string version)
    {
        if (place.All(char.IsAsciiDigit))
            return (BigInteger.Parse(place) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + (nextIsAlpha ? "a" : ".0a0");
        if (place.Length == 1)
            return ((char)(place[0] + 1)).ToString();
        throw new CondaRecipesException(RecipeErrorCodes.PinNotComputable,
            $"Cannot compute an upper bound from version '{version}': its place '{place}' is neither a number nor a single letter.",
            hint: "Give the bound explicitly (upper_bound='...'), or a max_pin that stops before that place.");
    }

    private static string TrimEndOnce(this string s, char c) => s.Length > 0 && s[^1] == c ? s[..^1] : s;
}
