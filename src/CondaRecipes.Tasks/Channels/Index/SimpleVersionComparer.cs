using System.Text.RegularExpressions;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// Orders conda version strings well enough to pick "the newest" for current_repodata.json and
/// channeldata.json: the epoch (<c>N!</c>) first, then components split on <c>. _ - +</c> and on
/// digit/letter boundaries, numbers numerically, a number above a word, <c>dev</c> below everything and
/// <c>post</c> above everything, missing trailing components as 0. It is not conda's full VersionOrder
/// (no local-version rules); the resolver owns that.
/// </summary>
internal sealed partial class SimpleVersionComparer : IComparer<string>
{
    public static readonly SimpleVersionComparer Instance = new();

    [GeneratedRegex(@"\d+|[a-zA-Z]+")]
    private static partial Regex Parts();

    public int Compare(string? x, string? y)
    {
        var (ex, restX) = SplitEpoch(x ?? "");
        var (ey, restY) = SplitEpoch(y ?? "");
        if (ex != ey) return ex.CompareTo(ey);
        var a = Parts().Matches(restX.ToLowerInvariant()).Select(m => m.Value).ToList();
        var b = Parts().Matches(restY.ToLowerInvariant()).Select(m => m.Value).ToList();
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var c = ComparePart(i < a.Count ? a[i] : "0", i < b.Count ? b[i] : "0");
            if (c != 0) return c;
        }
        return 0;
    }

    private static (long Epoch, string Remainder) SplitEpoch(string v)
    {
        var bang = v.IndexOf('!');
        return bang > 0 && long.TryParse(v[..bang], out var e) ? (e, v[(bang + 1)..]) : (0, v);
    }

    private static int Rank(string part) => part switch
    {
        "dev" => 0,
        "post" => 4,
        _ when char.IsDigit(part[0]) => 3,
        _ => 1,
    };

    private static int ComparePart(string a, string b)
    {
        int ra = Rank(a), rb = Rank(b);
        if (ra != rb) return ra.CompareTo(rb);
        if (ra == 3)
        {
            var ta = a.TrimStart('0'); var tb = b.TrimStart('0');
            return ta.Length != tb.Length ? ta.Length.CompareTo(tb.Length) : string.CompareOrdinal(ta, tb);
        }
        return string.CompareOrdinal(a, b);
    }
}
