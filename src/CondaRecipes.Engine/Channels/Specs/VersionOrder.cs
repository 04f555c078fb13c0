using System.Numerics;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// A conda version as an ordered value, following the rules documented for conda's <c>VersionOrder</c>:
/// an optional epoch <c>N!</c>, a main version and an optional local version after <c>+</c>; both are split
/// on <c>.</c> (an <c>_</c> counts as <c>.</c>, and <c>-</c> is read as <c>_</c> when the string has no
/// <c>_</c>), each component into runs of digits and non-digits. Numbers compare numerically, strings
/// case-insensitively and below numbers, <c>dev</c> below every other string, <c>post</c> above every number,
/// a component that starts with a letter gets an implicit leading 0, and missing components count as 0
/// (so <c>1.1 == 1.1.0</c>). A trailing <c>_</c> stays on the last component (openssl-style <c>1.0.1_ &lt; 1.0.1a</c>).
/// </summary>
public sealed class VersionOrder : IComparable<VersionOrder>, IEquatable<VersionOrder>
{
    private readonly Part[][] _version; // epoch first
    private readonly Part[][] _local;
    private int _hash;

    private VersionOrder(string original, string normalized, Part[][] version, Part[][] local)
    {
        Original = original;
        Normalized = normalized;
        _version = version;
        _local = local;
    }

    /// <summary>The string as given.</summary>
    public string Original { get; }

    /// <summary>Lower-cased, trimmed, dashes read as underscores when that is how it was parsed.</summary>
    public string Normalized { get; }

    /// <summary>True when a local version (<c>+…</c>) was given.</summary>
    public bool HasLocal => _local.Length > 0;

    public override string ToString() => Original;

    /// <summary>
    /// The main version's components after the epoch, each as its runs the way conda prints them (numbers
    /// without leading zeros, an implicit leading 0 before a letter, <c>dev</c> as <c>DEV</c>, <c>post</c> as
    /// <c>inf</c>): the material of conda-build's pin expressions (<c>1.0.2j</c> → [1], [0], [2, j]).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> MainComponents =>
        _version.Skip(1).Select(c => (IReadOnlyList<string>)c.Select(p => p.Display).ToArray()).ToArray();

    /// <summary>Parses <paramref name="text"/>; throws <see cref="CondaRecipesException"/> (CR5001) when invalid.</summary>
    public static VersionOrder Parse(string text) =>
        TryParse(text, out var v, out var why) ? v! : throw new CondaRecipesException(ChannelErrorCodes.InvalidVersion,
            $"Invalid version '{text}': {why}.",
            hint: "A conda version uses digits, letters, '.', '_', '+' (local version) and at most one 'N!' epoch.");

    public static bool TryParse(string? text, out VersionOrder? version) => TryParse(text, out version, out _);

    private static bool TryParse(string? text, out VersionOrder? result, out string why)
    {
        result = null;
        var s = (text ?? "").Trim().ToLowerInvariant();
        if (s.Length == 0) { why = "empty version string"; return false; }
        if (!HasOnlyVersionChars(s))
        {
            // Dashes are accepted only when no underscore is present: they are then read as underscores.
            if (s.Contains('-') && !s.Contains('_') && HasOnlyVersionChars(s.Replace('-', '_')))
                s = s.Replace('-', '_');
            else { why = "invalid character(s)"; return false; }
        }

        var rest = s;
        var epoch = "0";
        var bang = rest.IndexOf('!');
        if (bang >= 0)
        {
            if (rest.IndexOf('!', bang + 1) >= 0) { why = "duplicated epoch separator '!'"; return false; }
            epoch = rest[..bang];
            if (epoch.Length == 0 || !epoch.All(char.IsAsciiDigit)) { why = "epoch must be an integer"; return false; }
            rest = rest[(bang + 1)..];
        }

        string[] localSegments = [];
        var plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (rest.IndexOf('+', plus + 1) >= 0) { why = "duplicated local version separator '+'"; return false; }
            localSegments = rest[(plus + 1)..].Replace('_', '.').Split('.');
            rest = rest[..plus];
        }
        if (rest.Length == 0) { why = "missing version before the local version or after the epoch"; return false; }

        string[] mainSegments;
        if (rest[^1] == '_')
        {
            // openssl-style trailing underscore: keep it on the last component instead of splitting.
            mainSegments = rest[..^1].Replace('_', '.').Split('.');
            mainSegments[^1] += "_";
        }
        else mainSegments = rest.Replace('_', '.').Split('.');

        var version = new Part[mainSegments.Length + 1][];
        version[0] = [Part.Number(BigInteger.Parse(epoch))];
        for (var i = 0; i < mainSegments.Length; i++)
        {
            var parts = SplitComponent(mainSegments[i]);
            if (parts is null) { why = "empty version component"; return false; }
            version[i + 1] = parts;
        }
        var local = new Part[localSegments.Length][];
        for (var i = 0; i < localSegments.Length; i++)
        {
            var parts = SplitComponent(localSegments[i]);
            if (parts is null) { why = "empty version component"; return false; }
            local[i] = parts;
        }
        result = new VersionOrder(text!, s, version, local);
        why = "";
        return true;
    }

    private static bool HasOnlyVersionChars(string s)
    {
        foreach (var c in s)
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'z' || c is '*' or '.' or '+' or '!' or '_'))
                return false;
        return true;
    }

    /// <summary>Splits one component into runs of digits, runs of '*' and runs of anything else.</summary>
    private static Part[]? SplitComponent(string component)
    {
        if (component.Length == 0) return null;
        var parts = new List<Part>(3);
        if (char.IsAsciiLetter(component[0])) parts.Add(Part.Zero); // keep numbers and strings in phase
        var i = 0;
        while (i < component.Length)
        {
            var start = i;
            var kind = RunKind(component[i]);
            while (i < component.Length && RunKind(component[i]) == kind) i++;
            var run = component[start..i];
            parts.Add(kind switch
            {
                0 => Part.Number(BigInteger.Parse(run)),
                _ when run == "post" => Part.Post,
                _ when run == "dev" => Part.Dev,
                _ => Part.Text(run),
            });
        }
        return parts.ToArray();
    }

    private static int RunKind(char c) => char.IsAsciiDigit(c) ? 0 : c == '*' ? 1 : 2;

    public int CompareTo(VersionOrder? other)
    {
        if (other is null) return 1;
        var c = CompareSegments(_version, other._version);
        return c != 0 ? c : CompareSegments(_local, other._local);
    }

    private static int CompareSegments(Part[][] a, Part[][] b)
    {
        var n = Math.Max(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = CompareComponent(i < a.Length ? a[i] : [], i < b.Length ? b[i] : []);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareComponent(Part[] a, Part[] b)
    {
        var n = Math.Max(a.Length, b.Length);
        for (var j = 0; j < n; j++)
        {
            var c = Part.Compare(j < a.Length ? a[j] : Part.Zero, j < b.Length ? b[j] : Part.Zero);
            if (c != 0) return c;
        }
        return 0;
    }

    public bool Equals(VersionOrder? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is VersionOrder v && Equals(v);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        // Hash what equality sees: trailing zero parts and zero components do not count.
        var h = new HashCode();
        foreach (var segs in new[] { _version, _local })
        {
            var last = segs.Length - 1;
            while (last >= 0 && segs[last].All(p => p.IsZero)) last--;
            for (var i = 0; i <= last; i++)
            {
                var parts = segs[i];
                var lastPart = parts.Length - 1;
                while (lastPart >= 0 && parts[lastPart].IsZero) lastPart--;
                for (var j = 0; j <= lastPart; j++) h.Add(parts[j]);
                h.Add(-1);
            }
            h.Add(-2);
        }
        return _hash = h.ToHashCode() | 1;
    }

    public static bool operator <(VersionOrder a, VersionOrder b) => a.CompareTo(b) < 0;
    public static bool operator >(VersionOrder a, VersionOrder b) => a.CompareTo(b) > 0;
    public static bool operator <=(VersionOrder a, VersionOrder b) => a.CompareTo(b) <= 0;
    public static bool operator >=(VersionOrder a, VersionOrder b) => a.CompareTo(b) >= 0;
    public static bool operator ==(VersionOrder? a, VersionOrder? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(VersionOrder? a, VersionOrder? b) => !(a == b);

    /// <summary>
    /// True when this version begins with <paramref name="prefix"/> component by component — the meaning of
    /// <c>=1.2</c> / <c>1.2.*</c>: <c>1.2.3</c> and <c>1.2</c> start with <c>1.2</c>, <c>1.20</c> does not.
    /// When the prefix has a local version, the main versions must be equal and the local parts are compared.
    /// Missing components are zeros, so <c>1.0</c> starts with <c>1.0.0</c> (conda's zero padding).
    /// The last part of the prefix may be a string prefix (<c>1.1a</c> starts <c>1.1alpha</c>).
    /// </summary>
    public bool StartsWith(VersionOrder prefix)
    {
        Part[][] mine, theirs;
        if (prefix._local.Length > 0)
        {
            if (CompareSegments(_version, prefix._version) != 0) return false;
            mine = _local; theirs = prefix._local;
        }
        else { mine = _version; theirs = prefix._version; }

        var last = theirs.Length - 1;
        for (var i = 0; i < last; i++)
            if (CompareComponent(i < mine.Length ? mine[i] : [], theirs[i]) != 0) return false;
        var myComponent = last < mine.Length ? mine[last] : [];
        var prefixComponent = theirs[last];
        var lastPart = prefixComponent.Length - 1;
        for (var j = 0; j < lastPart; j++)
            if (Part.Compare(j < myComponent.Length ? myComponent[j] : Part.Zero, prefixComponent[j]) != 0) return false;
        // A missing part counts as 0, as everywhere in the ordering: 1.0 starts with 1.0.0.
        var mineLast = lastPart < myComponent.Length ? myComponent[lastPart] : Part.Zero;
        var prefixLast = prefixComponent[lastPart];
        if (mineLast.IsText)
            return prefixLast.IsText && mineLast.Str!.StartsWith(prefixLast.Str!, StringComparison.Ordinal);
        return Part.Compare(mineLast, prefixLast) == 0;
    }

    /// <summary>
    /// One run of a component. Order: strings (with <c>*</c> &lt; <c>dev</c> &lt; <c>_</c> &lt; letters) below numbers,
    /// <c>post</c> above every number.
    /// </summary>
    private readonly record struct Part(byte Kind, BigInteger Num, string? Str)
    {
        private const byte TextKind = 0, NumberKind = 1, PostKind = 2;

        // 'dev' becomes "DEV": upper case sorts below '_' and every lower-case string, above '*'.
        public static readonly Part Dev = new(TextKind, default, "DEV");
        public static readonly Part Post = new(PostKind, default, null);
        public static readonly Part Zero = new(NumberKind, BigInteger.Zero, null);
        public static Part Number(BigInteger n) => new(NumberKind, n, null);
        public static Part Text(string s) => new(TextKind, default, s);

        public bool IsText => Kind == TextKind;
        public string Display => Kind switch { NumberKind => Num.ToString(System.Globalization.CultureInfo.InvariantCulture), PostKind => "inf", _ => Str! };
        public bool IsZero => Kind == NumberKind && Num.IsZero;

        public static int Compare(Part a, Part b)
        {
            if (a.Kind != b.Kind) return a.Kind.CompareTo(b.Kind);
            return a.Kind switch
            {
                TextKind => Math.Sign(string.CompareOrdinal(a.Str, b.Str)),
                NumberKind => a.Num.CompareTo(b.Num),
                _ => 0,
            };
        }
    }
}
