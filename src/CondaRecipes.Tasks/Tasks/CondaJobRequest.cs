using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// One variant to run as a batch job, read from a <c>CondaJob</c> item of CondaRecipes.Scheduling.targets.
/// Every setting is per item because each comes from its own project's evaluation (a recipe may ask for
/// more cores or another queue than the site default).
/// </summary>
internal sealed record CondaJobRequest
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

    /// <summary>Reads and checks one <c>CondaJob</c> item.</summary>
    public static CondaJobRequest FromItem(ITaskItem item)
    {
        var project = item.GetMetadata("Project");
        string Meta(string name) => item.GetMetadata(name).Trim();
        foreach (var (what, path) in new[] { ("Project", project), ("WorkDir", item.GetMetadata("WorkDir")), ("JobDir", item.GetMetadata("JobDir")) })
            if (!Path.IsPathRooted(path))
                throw Invalid($"Job '{item.ItemSpec}' has no absolute {what} ('{path}').", project,
                    "CondaJob items come from the CondaCollectJobs target; set CondaRootDir and CondaJobDir to absolute folders.");
        var (passing, names) = ParsePassing(Meta("PassEnvironment"), Meta("PassEnvironmentNames"), project);
        return new CondaJobRequest
        {
            Name = JobName(item.ItemSpec),
            Project = project,
            Description = Meta("Description"),
            PythonVersion = Meta("PythonVersion") is { Length: > 0 } py ? py : null,
            // Escaped, as ExpandCondaMatrix wrote them: each job's -p: argument passes the value on unchanged.
            InnerProperties = (item is ITaskItem2 escaped ? escaped.GetMetadataValueEscaped("InnerProperties") : item.GetMetadata("InnerProperties")).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ReferencedProjects = Meta("ReferencedProjects").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal),
            WorkDir = Meta("WorkDir"),
            JobDir = Meta("JobDir"),
            Dotnet = Meta("Dotnet") is { Length: > 0 } d ? d : "dotnet",
            Account = Empty(Meta("Account")),
            Queue = Empty(Meta("Queue")),
            JobPriority = Empty(Meta("JobPriority")),
            Cpus = PositiveInt(Meta("Cpus"), "CondaJobCpus", project, allowZero: false),
            Gpus = PositiveInt(Meta("Gpus"), "CondaJobGpus", project, allowZero: true),
            MemoryMb = ParseMemoryMb(Meta("Memory"), project),
            Walltime = ParseWalltime(Meta("Walltime"), project),
            PassEnvironment = passing,
            PassEnvironmentNames = names,
        };
    }

    /// <summary>
    /// A name PBS and Slurm both accept (≤ 64 letters, digits, <c>._-</c>, starting with a letter). Longer
    /// names keep their start and get a short hash of the whole, so two long variants stay distinct.
    /// </summary>
    public static string JobName(string wanted)
    {
        var name = new string(wanted.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        if (name.Length == 0 || !char.IsAsciiLetter(name[0])) name = "j-" + name;
        if (name.Length <= 64) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..8];
        return name[..55] + "-" + hash;
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

    /// <summary>Walltime as <c>H:MM:SS</c> (hours may exceed 24), the form PBS and Slurm both read.</summary>
    public static TimeSpan? ParseWalltime(string text, string? project = null)
    {
        if (text.Length == 0) return null;
        var parts = text.Trim().Split(':');
        if (parts.Length == 3 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60 && parts[1].Length == 2 &&
            int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < 60 && parts[2].Length == 2 &&
            (h, m, s) != (0, 0, 0))
            return new TimeSpan(h, m, s);
        throw Invalid($"CondaJobWalltime '{text}' is not a walltime.", project, "Write hours:minutes:seconds, e.g. 02:00:00 or 36:00:00.");
    }

    private static int? PositiveInt(string text, string property, string project, bool allowZero)
    {
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || allowZero && n == 0))
            return n;
        throw Invalid($"{property} '{text}' is not a {(allowZero ? "non-negative" : "positive")} whole number.", project, $"Set {property} to a number such as 4.");
    }

    private static (EnvironmentPassing, IReadOnlyList<string>) ParsePassing(string mode, string names, string project)
    {
        var list = names.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var passing = mode.ToLowerInvariant() switch
        {
            "" or "all" => EnvironmentPassing.All,
            "schedulerdefault" => EnvironmentPassing.SchedulerDefault,
            "names" => EnvironmentPassing.Names,
            _ => throw new CondaRecipesException(SchedulingTaskErrorCodes.InvalidEnvironmentPassing,
                $"CondaJobPassEnvironment '{mode}' is not known.", project, hint: "Use All, SchedulerDefault or Names."),
        };
        if (passing == EnvironmentPassing.Names && list.Length == 0)
            throw new CondaRecipesException(SchedulingTaskErrorCodes.InvalidEnvironmentPassing,
                "CondaJobPassEnvironment is Names but CondaJobPassEnvironmentNames is empty.", project,
                hint: "List the variables to pass (e.g. PATH;HOME;DOTNET_ROOT) or use All.");
        return (passing, list);
    }

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private static CondaRecipesException Invalid(string message, string? project, string hint) =>
        new(SchedulingTaskErrorCodes.InvalidJobSetting, message, project, hint: hint);
}
