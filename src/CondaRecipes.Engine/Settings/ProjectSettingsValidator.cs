using System.Globalization;
using System.Text.RegularExpressions;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;
using CondaRecipes.Planning;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Settings;

/// <summary>
/// The one place the SDK's properties and items are checked, before a matrix is expanded, a build script
/// runs or a job is submitted: every invalid value is reported (all of them, not only the first) with its
/// property, its value and what is allowed. The readers of each setting keep their own checks
/// (<see cref="PackageFormats"/>, <see cref="JobRequest"/>); this validator calls the same rules early.
/// </summary>
public static partial class ProjectSettingsValidator
{
    /// <summary>Yes/no properties. MSBuild's own spellings (on/off, yes/no, !true) are accepted as its tasks accept them.</summary>
    public static readonly IReadOnlyList<string> BooleanProperties =
    [
        "CondaForce", "CondaSkipTests", "CondaErrorOverlinking", "CondaSchedulerDryRun", "CondaCleanOutputs",
        "CondaBuildUseOutputChannel", "EnableCondaBuildBootstrap",
    ];

    private static readonly HashSet<string> TrueOrFalse = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "on", "off", "yes", "no", "!true", "!false",
    };

    /// <summary>zstd's compression levels (ZSTD_maxCLevel is 22).</summary>
    public const int MinZstdLevel = 1, MaxZstdLevel = 22;

    /// <summary>Every problem found, in the order of the checks; empty when all values are valid.</summary>
    public static IReadOnlyList<CondaRecipesException> Validate(ProjectSettings settings)
    {
        var problems = new List<CondaRecipesException>();
        void Check(Action check)
        {
            try { check(); }
            catch (CondaRecipesException e) { problems.Add(e); }
        }
        var project = settings.ProjectFile;
        string? Get(string name) => settings.Properties.TryGetValue(name, out var v) ? v.Trim() : null;

        foreach (var name in BooleanProperties)
            if (Get(name) is { } b) Check(() => ParseBoolean(name, b, project));
        if (Get("CondaSubdir") is { } subdir) Check(() => CheckSubdir(subdir, project));
        if (Get("CondaZstdLevel") is { } zstd) Check(() => ParseZstdLevel(zstd, project));
        if (Get("CondaPackageFormat") is { } format) Check(() => PackageFormats.Parse(format, project));
        if (Get("CondaBuildEngine") is { } engine) Check(() => VariantEngineKinds.Parse(engine, project));

        foreach (var (property, field) in SchedulerProperties)
            if (Get(property) is { } value) Check(() => SchedulerNames.Check(field, property, value, project));
        if (Get("CondaScheduler") is { } scheduler && scheduler.Equals("Pbs", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(Get("CondaPbsAccount")))
            Check(() =>
            {
                var (account, source) = PbsAccount.Find(settings.GetEnvironment, settings.HostName);
                SchedulerNames.Check(SchedulerField.PbsAccount, $"The environment variable {source}", account, project);
            });

        if (Get("CondaJobWalltime") is { } walltime) Check(() => JobRequest.ParseWalltime(walltime, project));
        if (Get("CondaJobCpus") is { } cpus) Check(() => JobRequest.ParseCount(cpus, "CondaJobCpus", project, allowZero: false));
        if (Get("CondaJobGpus") is { } gpus) Check(() => JobRequest.ParseCount(gpus, "CondaJobGpus", project, allowZero: true));
        if (Get("CondaJobMemory") is { } memory) Check(() => JobRequest.ParseMemoryMb(memory, project));
        if (Get("CondaSchedulerPollMax") is { } poll) Check(() => PollInterval.Parse(poll, project));
        if (Get("CondaJobPassEnvironment") is { } passing)
            Check(() => JobRequest.ParsePassing(passing, Get("CondaJobPassEnvironmentNames") ?? "", project));

        foreach (var name in settings.EnvironmentNames)
            if (!ShellQuoting.IsVariableName(name))
                problems.Add(Item("CondaEnvironment", name, "an environment variable name: letters, digits and '_', not starting with a digit", project));
        foreach (var python in settings.Pythons)
            if (!PythonVersion().IsMatch(python.Trim()))
                problems.Add(Item("CondaPython", python, "a Python version such as 3.12 or 3.11.9", project));
        foreach (var module in settings.Modules)
            if (!ModuleName().IsMatch(module.Trim()))
                problems.Add(new CondaRecipesException(SettingsErrorCodes.InvalidModuleName,
                    $"CondaModule '{module}' is not an environment module name: letters, digits and '_ - . + / @ :' only.",
                    project, ProjectLineLocator.Find(project, "CondaModule", module),
                    hint: "Write the name as `module load` takes it, e.g. cuda/12.2.1."));
        foreach (var channel in settings.Channels)
            if (MissingChannelFolder(channel, settings.OutputDir) is { } folder)
                problems.Add(new CondaRecipesException(SettingsErrorCodes.ChannelFolderMissing,
                    $"CondaChannel '{channel}' names the folder '{folder}', which does not exist.", project,
                    ProjectLineLocator.Find(project, "CondaChannel", channel),
                    hint: "Give an existing channel folder (holding noarch/repodata.json), a file:// or http(s):// URL, or a channel name such as conda-forge."));
        return problems;
    }

    /// <summary>The full path of a local channel folder that does not exist (the output channel excepted); null otherwise.</summary>
    private static string? MissingChannelFolder(string channel, string? outputDir)
    {
        // Read as the channel reader reads it: a URL or a channel name (with or without a label) is no folder.
        if (Channels.Reading.ChannelSource.LocalFolder(channel) is not { } path) return null;
        var full = Path.TrimEndingDirectorySeparator(path);
        if (outputDir is { Length: > 0 } && full == Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir))) return null;
        return Directory.Exists(full) ? null : full;
    }

    /// <summary>Throws the first problem <see cref="Validate"/> finds.</summary>
    public static void ThrowIfInvalid(ProjectSettings settings)
    {
        if (Validate(settings) is [var first, ..]) throw first;
    }

    /// <summary>A yes/no property as MSBuild reads it; anything else is CR8120.</summary>
    public static bool ParseBoolean(string property, string value, string? projectFile)
    {
        var v = value.Trim();
        if (v.Length > 0 && TrueOrFalse.Contains(v))
            return v.ToLowerInvariant() is "true" or "on" or "yes" or "!false";
        throw new CondaRecipesException(SettingsErrorCodes.NotBoolean,
            $"{property} '{value}' is not a yes/no value: use true or false.", projectFile,
            hint: $"e.g. -p:{property}=true.");
    }

    /// <summary>A conda platform subdir; anything else (a path such as '../evil', a typo) is CR8121.</summary>
    public static string CheckSubdir(string value, string? projectFile)
    {
        if (SpecChannel.KnownSubdirs.Contains(value.Trim())) return value.Trim();
        throw new CondaRecipesException(SettingsErrorCodes.UnknownSubdir,
            $"CondaSubdir '{value}' is not a conda platform subdir. Allowed: {string.Join(", ", SpecChannel.KnownSubdirs.Order(StringComparer.Ordinal))}.",
            projectFile, hint: "The subdir names the channel folder the package goes to; linux-64 is the default.");
    }

    /// <summary>A zstd level from 1 to 22; anything else is CR8122.</summary>
    public static int ParseZstdLevel(string value, string? projectFile)
    {
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= MinZstdLevel and <= MaxZstdLevel)
            return level;
        throw new CondaRecipesException(SettingsErrorCodes.InvalidZstdLevel,
            $"CondaZstdLevel '{value}' is not a zstd level: a whole number from {MinZstdLevel} to {MaxZstdLevel}.", projectFile,
            hint: "19 is conda-build's default; lower levels compress faster.");
    }

    private static readonly (string Property, SchedulerField Field)[] SchedulerProperties =
    [
        ("CondaPbsAccount", SchedulerField.PbsAccount), ("CondaPbsQueue", SchedulerField.PbsQueue),
        ("CondaPbsJobPriority", SchedulerField.PbsJobPriority), ("CondaSlurmAccount", SchedulerField.SlurmAccount),
        ("CondaSlurmPartition", SchedulerField.SlurmPartition),
    ];

    private static CondaRecipesException Item(string itemType, string value, string allowed, string project) =>
        new(SettingsErrorCodes.InvalidItem, $"{itemType} '{value}' is not {allowed}.", project,
            ProjectLineLocator.Find(project, itemType, value), hint: $"Fix the {itemType} item.");

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PythonVersion();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.+/@:\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleName();
}
