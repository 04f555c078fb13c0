using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// One variant to run as a batch job, read from the metadata of a <c>CondaJob</c> item of
/// CondaRecipes.Scheduling.targets. Every setting is per item because each comes from its own project's
/// evaluation (a recipe may ask for more cores or another queue than the site default).
/// </summary>
public sealed record JobRequest
{
    public required string Name { get; init; }
    /// <summary>The recipe project, absolute.</summary>
    public required string Project { get; init; }
    public required string Description { get; init; }
    public string? PythonVersion { get; init; }
    /// <summary>The global properties selecting the variant, MSBuild-escaped (<c>PythonVersion=3.11</c>).</summary>
    public required IReadOnlyList<string> InnerProperties { get; init; }
    /// <summary>Absolute paths of the projects this one references (its jobs wait for theirs).</summary>
    public required IReadOnlySet<string> ReferencedProjects { get; init; }
    /// <summary>Absolute directory the job's build runs in (the repository: global.json, nuget.config).</summary>
    public required string WorkDir { get; init; }
    public required string JobDir { get; init; }
    public required string Dotnet { get; init; }
    public string? Account { get; init; }
    public string? Queue { get; init; }
    public string? JobPriority { get; init; }
    public int? Cpus { get; init; }
    public int? Gpus { get; init; }
    public int? MemoryMb { get; init; }
    public TimeSpan? Walltime { get; init; }
    public EnvironmentPassing PassEnvironment { get; init; }
    public IReadOnlyList<string> PassEnvironmentNames { get; init; } = [];

    /// <summary>Reads and checks one <c>CondaJob</c> item: its ItemSpec and its metadata by name.</summary>
    /// <param name="metadata">
    /// Metadata values as MSBuild evaluates them, except <c>InnerProperties</c>: in MSBuild's escaped form, as
    /// each job's <c>-p:</c> arguments pass them on.
    /// </param>
    public static JobRequest FromMetadata(string itemSpec, Func<string, string> metadata)
    {
        var project = metadata("Project");
        string Meta(string name) => metadata(name).Trim();
        foreach (var (what, path) in new[] { ("Project", project), ("WorkDir", metadata("WorkDir")), ("JobDir", metadata("JobDir")) })
            if (!Path.IsPathRooted(path))
                throw Invalid($"Job '{itemSpec}' has no absolute {what} ('{path}').", project,
                    "CondaJob items come from the CondaCollectJobs target; set CondaRootDir and CondaJobDir to absolute folders.");
        var (passing, names) = ParsePassing(Meta("PassEnvironment"), Meta("PassEnvironmentNames"), project);
        return new JobRequest
        {
            Name = JobNames.For(itemSpec),
            Project = project,
            Description = Meta("Description"),
            PythonVersion = Meta("PythonVersion") is { Length: > 0 } py ? py : null,
            InnerProperties = Meta("InnerProperties").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ReferencedProjects = Meta("ReferencedProjects").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal),
            WorkDir = Meta("WorkDir"),
            JobDir = Meta("JobDir"),
            Dotnet = Meta("Dotnet") is { Length: > 0 } d ? d : "dotnet",
            Account = Empty(Meta("Account")),
            Queue = Empty(Meta("Queue")),
            JobPriority = Empty(Meta("JobPriority")),
            Cpus = ParseCount(Meta("Cpus"), "CondaJobCpus", project, allowZero: false),
            Gpus = ParseCount(Meta("Gpus"), "CondaJobGpus", project, allowZero: true),
            MemoryMb = ParseMemoryMb(Meta("Memory"), project),
            Walltime = ParseWalltime(Meta("Walltime"), project),
            PassEnvironment = passing,
            PassEnvironmentNames = names,
        };
    }

    /// <summary>Megabytes from <c>4000</c>, <c>4000MB</c>, <c>64GB</c>, <c>64G</c>, <c>1TB</c>.</summary>
    public static int? ParseMemoryMb(string text, string? project = null)
    {
        if (text.Length == 0) return null;
        var t = text.Trim().ToUpperInvariant();
        var (digits, factor) = t.EndsWith("TB") ? (t[..^2], 1024 * 1024) : t.EndsWith('T') ? (t[..^1], 1024 * 1024)
            : t.EndsWith("GB") ? (t[..^2], 1024) : t.EndsWith('G') ? (t[..^1], 1024)
            : t.EndsWith("MB") ? (t[..^2], 1) : t.EndsWith('M') ? (t[..^1], 1) : (t, 1);
        if (long.TryParse(digits.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n * factor <= int.MaxValue)
            return (int)(n * factor);
        throw Invalid($"CondaJobMemory '{text}' is not a memory size.", project, "Give megabytes or a size with a unit, e.g. 4000, 64GB or 500MB.");
    }

    /// <summary>Walltime as <c>H:MM:SS</c> (<see cref="Scheduling.Walltime.Parse"/>); empty: none asked.</summary>
    public static TimeSpan? ParseWalltime(string text, string? project = null) =>
        text.Length == 0 ? null
        : Scheduling.Walltime.Parse(text) ?? throw Invalid($"CondaJobWalltime '{text}' is not a walltime.", project, "Write hours:minutes:seconds, e.g. 02:00:00 or 36:00:00.");

    /// <summary>A count of CPUs or GPUs; empty: none asked.</summary>
    internal static int? ParseCount(string text, string property, string? project, bool allowZero)
    {
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || allowZero && n == 0))
            return n;
        throw Invalid($"{property} '{text}' is not a {(allowZero ? "non-negative" : "positive")} whole number.", project, $"Set {property} to a number such as 4.");
    }

    internal static (EnvironmentPassing, IReadOnlyList<string>) ParsePassing(string mode, string names, string? project)
    {
        var list = names.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var passing = mode.ToLowerInvariant() switch
        {
            "" or "all" => EnvironmentPassing.All,
            "schedulerdefault" => EnvironmentPassing.SchedulerDefault,
            "names" => EnvironmentPassing.Names,
            _ => throw new CondaRecipesException(JobSettingsErrorCodes.InvalidEnvironmentPassing,
                $"CondaJobPassEnvironment '{mode}' is not known.", project, hint: "Use All, SchedulerDefault or Names."),
        };
        if (passing == EnvironmentPassing.Names && list.Length == 0)
            throw new CondaRecipesException(JobSettingsErrorCodes.InvalidEnvironmentPassing,
                "CondaJobPassEnvironment is Names but CondaJobPassEnvironmentNames is empty.", project,
                hint: "List the variables to pass (e.g. PATH;HOME;DOTNET_ROOT) or use All.");
        return (passing, list);
    }

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private static CondaRecipesException Invalid(string message, string? project, string hint) =>
        new(JobSettingsErrorCodes.InvalidJobSetting, message, project, hint: hint);
}
