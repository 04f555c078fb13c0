using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Settings;

/// <summary>The scheduler fields a project names (accounts, queues, partitions, job priority).</summary>
public enum SchedulerField { PbsAccount, PbsQueue, PbsJobPriority, SlurmAccount, SlurmPartition }

/// <summary>
/// The characters each scheduler field may hold. The SDK passes them as separate arguments, but a site's
/// <c>qsub</c>/<c>sbatch</c> may be a wrapper that hands them to a shell, so anything beyond what PBS and
/// Slurm themselves accept (names of letters, digits, <c>_ - .</c>) is refused before a job is submitted.
/// </summary>
public static partial class SchedulerNames
{
    /// <summary>Checks <paramref name="value"/> (empty is always allowed: the scheduler's default).</summary>
    /// <param name="source">Where the value came from, for the message: a property or an environment variable.</param>
    /// <exception cref="CondaRecipesException">CR8123 naming the source, the value and the allowed characters.</exception>
    public static void Check(SchedulerField field, string source, string value, string? projectFile)
    {
        if (value.Length == 0 || Pattern(field).IsMatch(value)) return;
        throw new CondaRecipesException(SettingsErrorCodes.InvalidSchedulerName,
            $"{source} '{value}' is not a valid {Describe(field)}: {Allowed(field)}.", projectFile,
            hint: "Such values reach the scheduler's commands, which may pass them through a shell; use the name the site gave you.");
    }

    /// <summary>True when <paramref name="value"/> is empty or allowed in <paramref name="field"/>.</summary>
    public static bool IsValid(SchedulerField field, string value) => value.Length == 0 || Pattern(field).IsMatch(value);

    private static Regex Pattern(SchedulerField field) => field switch
    {
        SchedulerField.PbsQueue => Queue(),
        SchedulerField.SlurmPartition => Partitions(),
        SchedulerField.PbsJobPriority => Priority(),
        _ => Account(),
    };

    private static string Describe(SchedulerField field) => field switch
    {
        SchedulerField.PbsAccount => "PBS account",
        SchedulerField.PbsQueue => "PBS queue",
        SchedulerField.PbsJobPriority => "PBS job priority",
        SchedulerField.SlurmAccount => "Slurm account",
        _ => "Slurm partition",
    };

    /// <summary>What the message says is allowed.</summary>
    public static string Allowed(SchedulerField field) => field switch
    {
        SchedulerField.PbsQueue => "up to 64 letters, digits, '_', '-' or '.', starting with a letter, optionally followed by '@server'",
        SchedulerField.SlurmPartition => "one or more names of letters, digits, '_', '-' or '.', separated by ','",
        SchedulerField.PbsJobPriority => "letters, digits, '_' or '-' (e.g. premium, regular, economy)",
        _ => "up to 64 letters, digits, '_', '-' or '.', starting with a letter, digit or '_'",
    };

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Account();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]{0,63}(@[A-Za-z0-9][A-Za-z0-9.\-]*(:[0-9]+)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Queue();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63}(,[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})*$", RegexOptions.CultureInvariant)]
    private static partial Regex Partitions();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Priority();
}
