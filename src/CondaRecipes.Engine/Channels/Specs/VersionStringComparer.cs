namespace CondaRecipes.Channels.Specs;

/// <summary>
/// Orders version strings by conda's <see cref="VersionOrder"/>, for "newest" in the channel index. A string
/// that is not a valid conda version sorts below every valid one (and ordinally among its kind), so one
/// odd record never breaks indexing.
/// </summary>
public sealed class VersionStringComparer : IComparer<string>
{
    public static readonly VersionStringComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var okX = VersionOrder.TryParse(x, out var vx);
        var okY = VersionOrder.TryParse(y, out var vy);
        return (okX, okY) switch
        {
            (true, true) => vx!.CompareTo(vy),
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(x, y),
        };
    }
}
