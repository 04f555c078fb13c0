using System.Security.Cryptography;
using CondaRecipes.Pipeline;
using CondaRecipes.Channels.Index;
using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Builds one variant with an external (patched) conda-build. The recipe is rendered by the SDK only to
/// decide whether anything must be built — the inputs hash and the <see cref="BuildStamp"/> are those of
/// the native engine — and the package paths come from <c>conda-build --output</c>, remembered per inputs
/// hash in an <see cref="OutputNameCache"/>, so an unchanged variant is skipped without starting
/// conda-build. After a successful run the channel is indexed and the variant stamped.
/// </summary>
public sealed class BuildCondaVariantWithCondaBuild : VariantTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public ITaskItem Variant { get; set; } = null!;
    [Required] public string LogDir { get; set; } = "";
    /// <summary>From the CondaBuildBootstrap target (<see cref="BootstrapCondaBuild"/>).</summary>
    [Required] public string CondaBuildExecutable { get; set; } = "";
    /// <summary>What identifies the conda-build used; enters the inputs hash.</summary>
    public string CondaBuildFingerprint { get; set; } = "";
    /// <summary><c>CondaChannel</c> items, in order, after the local output channel.</summary>
    public ITaskItem[] Channels { get; set; } = [];
    /// <summary><c>CondaBuildVariantFiles</c> items, passed as <c>-m FILE</c>.</summary>
    public ITaskItem[] VariantFiles { get; set; } = [];
    /// <summary>Further conda-build arguments, separated by white space.</summary>
    public string ExtraArguments { get; set; } = "";
    /// <summary>Pass the output folder as the first channel (so recipes find packages built before them).</summary>
    public bool UseOutputAsChannel { get; set; } = true;
    public bool Force { get; set; }

    /// <summary>The package files in the channel (built now or already up to date).</summary>
    [Output] public ITaskItem[] Package { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var rendered = RecipeRenderer.Render(RecipeDir, RenderContextFor(Variant));
        var label = $"{RecipeName} {Variant.GetMetadata("Description")}".TrimEnd();
        if (rendered.Recipe.Build.Skip)
        {
            Log.LogMessage(MessageImportance.High, $"{label}: skipped (build/skip is true)");
            return;
        }

        var invocation = Invocation();
        var inputs = VariantFingerprint.Compute(rendered, RecipeDir, VariablesOf(Variant), Settings(invocation));
        var stamp = BuildStamp.PathFor(WorkDir, RecipeName, Variant.ItemSpec);
        var cache = new OutputNameCache(Path.Combine(WorkDir, RecipeName, "conda-build-output-names.json"));

        var known = cache.TryGet(inputs);
        var reason = known is null ? "inputs changed or never built" : BuildStamp.OutOfDateReason(stamp, known, inputs);
        if (known is not null && reason is null && !Force)
        {
            Log.LogMessage(MessageImportance.High, $"{label}: {string.Join(", ", known.Select(Path.GetFileName))} is up to date");
            Package = Items(known);
            return;
        }

        var runner = new CondaBuildRunner(CondaBuildExecutable, LogDir);
        var paths = runner.GetOutputPathsAsync(invocation, cache, inputs, _cancel.Token).GetAwaiter().GetResult()
            .Select(p => Path.GetFullPath(p)).ToList();
        CheckInsideChannel(paths);
        Log.LogMessage(MessageImportance.High,
            $"{label}: building {string.Join(", ", paths.Select(Path.GetFileName))} with conda-build ({(Force ? "forced" : reason)})");

        var result = runner.BuildAsync(invocation, line => Log.LogMessage(MessageImportance.Low, line), _cancel.Token)
            .GetAwaiter().GetResult();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new CondaRecipesException(CondaBuildTaskErrorCodes.PackageNotProduced,
                $"conda-build succeeded for {label} but did not write {string.Join(", ", missing)}, which 'conda-build --output' named: {result.CommandLine}",
                file: Path.Combine(RecipeDir, "meta.yaml"),
                hint: $"Read {result.LogFile}; the recipe may render differently during the build than for --output (e.g. a variable read from the environment).");

        var subdirs = paths.Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Distinct().ToList();
        var index = new ChannelIndexer(OutputDir).Index(subdirs);
        Log.LogMessage(MessageImportance.Normal, $"{label}: indexed {OutputDir} ({index.PackageCount} packages)");
        BuildStamp.Write(stamp, paths, inputs);
        Log.LogMessage(MessageImportance.High, $"{label}: {string.Join(", ", paths.Select(Path.GetFileName))} -> {OutputDir} (log {result.LogFile})");
        Package = Items(paths);
    }

    private CondaBuildInvocation Invocation()
    {
        var python = NullIfEmpty(Variant.GetMetadata("PythonVersion"))
            ?? throw new CondaRecipesException(CondaBuildTaskErrorCodes.PythonVersionMissing,
                $"The variant '{Variant.ItemSpec}' of {RecipeName} has no Python version, and conda-build needs --python X.Y.",
                file: ProjectFile, line: ProjectLineLocator.Find(ProjectFile, "CondaPython", ""),
                hint: "Add a Python axis to the project, e.g. <CondaPython Include=\"3.11\" />, even for recipes that do not use Python.");
        var environment = new Dictionary<string, string>(SiteEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in VariablesOf(Variant)) environment[name] = value;
        return new CondaBuildInvocation
        {
            RecipeDirectory = RecipeDir,
            PythonVersion = python,
            // Without the trailing separator MSBuild directory properties carry: conda-build joins paths onto it.
            OutputFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(OutputDir)),
            VariantName = Variant.ItemSpec,
            UseOutputFolderAsChannel = UseOutputAsChannel,
            Channels = Channels.Select(c => c.ItemSpec).ToList(),
            VariantConfigFiles = VariantFiles.Select(f => CheckedVariantFile(f.ItemSpec)).ToList(),
            ExtraArguments = ExtraArguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
            Environment = environment,
        };
    }

    /// <summary>The native engine's hashed settings plus everything that changes what conda-build produces.</summary>
    private SortedDictionary<string, string> Settings(CondaBuildInvocation invocation)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["engine"] = "conda-build",
            ["conda-build"] = CondaBuildFingerprint,
            ["channels"] = string.Join("\n", CondaBuildCommand.ChannelList(invocation)),
            ["extra-arguments"] = string.Join("\n", invocation.ExtraArguments),
            ["variant-files"] = string.Join("\n", invocation.VariantConfigFiles.Select(f => $"{f} {Sha256(f)}")),
        };
        foreach (var (name, value) in HashedSettings(Variant)) settings[name] = value;
        return settings;
    }

    private string CheckedVariantFile(string file)
    {
        var full = Path.GetFullPath(file, Path.GetDirectoryName(ProjectFile)!);
        if (!File.Exists(full))
            throw new CondaRecipesException(CondaBuildTaskErrorCodes.VariantFileMissing,
                $"The conda-build variant file '{full}' (a CondaBuildVariantFiles item) does not exist.",
                file: ProjectFile, line: ProjectLineLocator.Find(ProjectFile, "CondaBuildVariantFiles", file),
                hint: "Correct the path (relative to the project) or remove the item.");
        return full;
    }

    /// <summary>The index covers the output channel only; a package conda-build writes elsewhere would be lost to it.</summary>
    private void CheckInsideChannel(IReadOnlyList<string> paths)
    {
        var channel = Path.TrimEndingDirectorySeparator(Path.GetFullPath(OutputDir)) + Path.DirectorySeparatorChar;
        var outside = paths.Where(p => !Path.GetFullPath(p).StartsWith(channel, StringComparison.Ordinal)).ToList();
        if (outside.Count > 0)
            throw new CondaRecipesException(CondaBuildTaskErrorCodes.PackageOutsideChannel,
                $"'conda-build --output' named {string.Join(", ", outside)}, outside the output channel {channel}.",
                file: Path.Combine(RecipeDir, "meta.yaml"),
                hint: "Remove --output-folder or --croot from CondaBuildExtraArgs; the SDK passes --output-folder $(CondaOutputDir).");
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static ITaskItem[] Items(IEnumerable<string> paths) => paths.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
}
