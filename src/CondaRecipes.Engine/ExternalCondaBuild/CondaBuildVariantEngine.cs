using CondaRecipes.Channels.Index;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline;
using CondaRecipes.Planning;
using CondaRecipes.Recipes;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>The conda-build engine's settings (CondaBuildEngine=conda-build properties and items).</summary>
public sealed record CondaBuildEngineSettings
{
    public required string LogDir { get; init; }
    /// <summary>The conda-build to run (from the bootstrap); empty when only planning.</summary>
    public string CondaBuildExecutable { get; init; } = "";
    /// <summary><see cref="CondaBuildIdentity"/>; null when no environment is there yet (nothing can be up to date).</summary>
    public string? Identity { get; init; }
    /// <summary>Channels after the local output channel, in order; none: conda-forge, as the original Makefile passed.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
    /// <summary>CondaBuildVariantFiles items as written (relative to the project), passed as <c>-m FILE</c>.</summary>
    public IReadOnlyList<string> VariantFiles { get; init; } = [];
    /// <summary>Further conda-build arguments, separated by white space.</summary>
    public string ExtraArguments { get; init; } = "";
    /// <summary>Pass the output folder as the first channel (so recipes find packages built before them).</summary>
    public bool UseOutputAsChannel { get; init; } = true;
}

/// <summary>
/// The external conda-build behind the planner. Its inputs hash adds what changes conda-build's result
/// (its identity, channels, extra arguments, variant files); the package paths come from
/// <c>conda-build --output</c>, remembered per inputs hash in an <see cref="OutputNameCache"/>, so an
/// unchanged variant is planned and skipped without starting conda-build. After a successful run the
/// channel is indexed and the variant stamped.
/// </summary>
public sealed class CondaBuildVariantEngine(RecipeProject project, CondaBuildEngineSettings settings) : IVariantEngine
{
    public const string EngineName = "conda-build";

    public string Name => EngineName;

    private OutputNameCache Cache => new(Path.Combine(project.WorkDir, project.RecipeName, "conda-build-output-names.json"));

    public IReadOnlyDictionary<string, string> FingerprintSettings(VariantRequest variant)
    {
        var invocation = Invocation(variant);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["engine"] = EngineName,
            ["conda-build"] = settings.Identity ?? "not bootstrapped",
            ["channels"] = string.Join("\n", CondaBuildCommand.ChannelList(invocation)),
            ["extra-arguments"] = string.Join("\n", invocation.ExtraArguments),
            ["variant-files"] = string.Join("\n", invocation.VariantConfigFiles.Select(f => $"{f} {BootstrapStamp.Sha256Of(f)}")),
        };
    }

    public IReadOnlyList<string>? KnownPackages(RenderedRecipe rendered, string inputsHash) => Cache.TryGet(inputsHash);

    /// <summary>conda-build does every stage itself: its build is one step.</summary>
    public IVariantBuild Start(VariantPlan plan, IBuildLog log) => new OneRun(this, plan);

    private sealed class OneRun(CondaBuildVariantEngine engine, VariantPlan plan) : IVariantBuild
    {
        public IReadOnlyList<VariantBuildStep> Steps =>
            [new(VariantStepNames.CondaBuild, async c => Published = await engine.RunAsync(plan, c).ConfigureAwait(false))];

        public IReadOnlyList<string> Published { get; private set; } = [];
    }

    private async Task<IReadOnlyList<string>> RunAsync(VariantPlan plan, VariantStepContext step)
    {
        var (log, cancellationToken) = (step.Log, step.Cancellation);
        var invocation = Invocation(plan.Variant, step.CpuCount);
        var label = plan.Variant.Label(project.RecipeName);
        var runner = new CondaBuildRunner(settings.CondaBuildExecutable, settings.LogDir);
        var paths = (await runner.GetOutputPathsAsync(invocation, Cache, plan.InputsHash, cancellationToken).ConfigureAwait(false))
            .Select(p => Path.GetFullPath(p)).ToList();
        CheckInsideChannel(paths);

        var result = await runner.BuildAsync(invocation, log.Detail, cancellationToken).ConfigureAwait(false);
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new CondaRecipesException(CondaBuildSettingsErrorCodes.PackageNotProduced,
                $"conda-build succeeded for {label} but did not write {string.Join(", ", missing)}, which 'conda-build --output' named: {result.CommandLine}",
                file: Path.Combine(project.RecipeDir, "meta.yaml"),
                hint: $"Read {result.LogFile}; the recipe may render differently during the build than for --output (e.g. a variable read from the environment).");

        var subdirs = paths.Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Distinct().ToList();
        var index = new ChannelIndexer(project.OutputDir).Index(subdirs);
        log.Info($"indexed {project.OutputDir} ({index.PackageCount} packages)");
        BuildStamp.Write(plan.StampPath, paths, plan.InputsHash);
        log.Summary($"{string.Join(", ", paths.Select(Path.GetFileName))} -> {project.OutputDir} (log {result.LogFile})");
        return paths;
    }

    private CondaBuildInvocation Invocation(VariantRequest variant, int? cpuCount = null)
    {
        var python = variant.PythonVersion
            ?? throw new CondaRecipesException(CondaBuildSettingsErrorCodes.PythonVersionMissing,
                $"The variant '{variant.Id}' of {project.RecipeName} has no Python version, and conda-build needs --python X.Y.",
                file: project.ProjectFile, line: ProjectLineLocator.Find(project.ProjectFile, "CondaPython", ""),
                hint: "Add a Python axis to the project, e.g. <CondaPython Include=\"3.11\" />, even for recipes that do not use Python.");
        var environment = new Dictionary<string, string>(project.SiteEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in variant.Variables) environment[name] = value;
        // conda-build takes CPU_COUNT from its environment before its own count of the machine's cores.
        if (cpuCount is { } cpus) environment["CPU_COUNT"] = cpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new CondaBuildInvocation
        {
            RecipeDirectory = project.RecipeDir,
            PythonVersion = python,
            // Without the trailing separator MSBuild directory properties carry: conda-build joins paths onto it.
            OutputFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(project.OutputDir)),
            VariantName = variant.Id,
            UseOutputFolderAsChannel = settings.UseOutputAsChannel,
            Channels = settings.Channels.Count > 0 ? settings.Channels : ["conda-forge"],
            VariantConfigFiles = settings.VariantFiles.Select(CheckedVariantFile).ToList(),
            ExtraArguments = settings.ExtraArguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
            Environment = environment,
        };
    }

    private string CheckedVariantFile(string file)
    {
        var full = Path.GetFullPath(file, Path.GetDirectoryName(project.ProjectFile)!);
        if (!File.Exists(full))
            throw new CondaRecipesException(CondaBuildSettingsErrorCodes.VariantFileMissing,
                $"The conda-build variant file '{full}' (a CondaBuildVariantFiles item) does not exist.",
                file: project.ProjectFile, line: ProjectLineLocator.Find(project.ProjectFile, "CondaBuildVariantFiles", file),
                hint: "Correct the path (relative to the project) or remove the item.");
        return full;
    }

    /// <summary>The index covers the output channel only; a package conda-build writes elsewhere would be lost to it.</summary>
    private void CheckInsideChannel(IReadOnlyList<string> paths)
    {
        var channel = Path.TrimEndingDirectorySeparator(Path.GetFullPath(project.OutputDir)) + Path.DirectorySeparatorChar;
        var outside = paths.Where(p => !Path.GetFullPath(p).StartsWith(channel, StringComparison.Ordinal)).ToList();
        if (outside.Count > 0)
            throw new CondaRecipesException(CondaBuildSettingsErrorCodes.PackageOutsideChannel,
                $"'conda-build --output' named {string.Join(", ", outside)}, outside the output channel {channel}.",
                file: Path.Combine(project.RecipeDir, "meta.yaml"),
                hint: "Remove --output-folder or --croot from CondaBuildExtraArgs; the SDK passes --output-folder $(CondaOutputDir).");
    }
}
