using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>CondaSchedulerPollMax: the longest wait between two status queries.</summary>
public static class PollInterval
{
    /// <summary>Seconds from 0.1 to 3600; anything else is CR8301.</summary>
    public static TimeSpan Parse(string text, string? projectFile)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0.1 && s <= 3600)
            return TimeSpan.FromSeconds(s);
        throw new CondaRecipesException(JobSettingsErrorCodes.InvalidJobSetting,
            $"CondaSchedulerPollMax '{text}' is not a number of seconds between 0.1 and 3600.", projectFile,
            hint: "Use e.g. 30 (keep it at most half of Slurm's MinJobAge).");
    }
}
