using System.Globalization;

namespace CondaRecipes.Scheduling;

/// <summary>Walltime in the <c>[H]H:MM:SS</c> form both PBS and Slurm accept.</summary>
public static class Walltime
{
    /// <summary><c>H:MM:SS</c> (hours may exceed 24, minutes and seconds two digits each), not zero; null otherwise.</summary>
    public static TimeSpan? Parse(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length == 3 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60 && parts[1].Length == 2 &&
            int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < 60 && parts[2].Length == 2 &&
            (h, m, s) != (0, 0, 0))
            return new TimeSpan(h, m, s);
        return null;
    }

    public static string Format(TimeSpan t)
    {
        var seconds = (long)Math.Ceiling(t.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }
}
