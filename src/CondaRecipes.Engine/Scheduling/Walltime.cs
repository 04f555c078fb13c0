using System.Globalization;

namespace CondaRecipes.Scheduling;

/// <summary>Walltime in the <c>[H]H:MM:SS</c> form both PBS and Slurm accept.</summary>
public static class Walltime
{
    public static string Format(TimeSpan t)
    {
        var seconds = (long)Math.Ceiling(t.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }
}
