using System.Globalization;
using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// conda-build's pinning expressions (<c>apply_pin_expressions</c>): <c>min_pin</c> keeps that many version
/// parts for the lower bound, <c>max_pin</c> keeps that many and bumps the last for the upper bound
/// (<c>1.2.3</c> with <c>x.x</c> → <c>&gt;=1.2.3,&lt;1.3</c>). Versions are split as conda's VersionOrder
/// splits them (epoch and local part dropped, <c>_</c> read as <c>.</c>, digits and letters apart).
/// </summary>
public static partial class PinExpression
{
    [GeneratedRegex(@"\d+|[a-z]+|\*")]
    private static partial Regex Part();

    /// <summary>The version constraint, e.g. <c>&gt;=1.2.3,&lt;2.0a0</c>; "" when both pins are empty.</summary>
    public static string Apply(string version, string? minPin, string? maxPin)
    {
        var components = Components(version);
        var flat = components.SelectMany(c => c).ToList();
        // conda-build omits the dot after the flat index equal to the last component's index (a quirk kept
        // so letters after a number stay attached: 1.1a stays "1.1a").
        int nesting = components.Count - 1;
        int? lower = Count(minPin), upper = Count(maxPin);
        if (upper is { } u && u > flat.Count) upper = flat.Count;

        string low = Join(flat, lower, nesting, bumpLast: false);
        string high = Join(flat, upper, nesting, bumpLast: true);
        var parts = new List<string>();
        if (low.Length > 0)
        {
            string plain = version.EndsWith(".*", StringComparison.Ordinal) ? version[..^2] : version.TrimEnd('*');
            // A lower bound above the version itself means a pre-release: pin to the version as written.
            bool preRelease = Channels.Specs.VersionOrder.TryParse(plain, out var v) && Channels.Specs.VersionOrder.TryParse(low, out var l)
                && v! < l!;
            parts.Add(">=" + (preRelease ? version : low));
        }
        if (high.Length > 0) parts.Add("<" + high);
        return string.Join(",", parts);
    }

    private static int? Count(string? pin) => string.IsNullOrEmpty(pin) ? null : pin.Split('.').Length;

    private static string Join(IReadOnlyList<string> flat, int? pin, int nesting, bool bumpLast)
    {
        if (pin is not { } n || n == 0) return "";
        var text = new System.Text.StringBuilder();
        var taken = flat.Take(n).ToList();
        for (int i = 0; i < taken.Count; i++)
        {
            string v = taken[i];
            if (bumpLast && i == n - 1)
            {
                bool alphaNext = flat[Math.Min(n, flat.Count - 1)].All(char.IsLetter);
                v = Increment(v, alphaNext);
            }
            text.Append(v);
            if (i != nesting) text.Append('.');
        }
        return text.ToString().TrimEnd('.');
    }

    private static string Increment(string part, bool alphaNext) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? (n + 1).ToString(CultureInfo.InvariantCulture) + (alphaNext ? "a" : ".0a0")
            : ((char)(part[0] + 1)).ToString();

    /// <summary>The version's components, each split into digit and letter runs (a leading letter gets a 0).</summary>
    private static List<List<string>> Components(string version)
    {
        string v = version.Trim().ToLowerInvariant();
        if (v.IndexOf('!') is var bang and >= 0) v = v[(bang + 1)..];
        if (v.IndexOf('+') is var plus and >= 0) v = v[..plus];
        var components = new List<List<string>>();
        foreach (var component in v.Replace('_', '.').Split('.'))
        {
            var parts = Part().Matches(component).Select(m => m.Value).ToList();
            if (parts.Count == 0) continue;
            if (!char.IsDigit(parts[0][0])) parts.Insert(0, "0");
            components.Add(parts);
        }
        return components;
    }
}
