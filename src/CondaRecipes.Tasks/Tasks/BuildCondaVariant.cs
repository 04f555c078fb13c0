using CondaRecipes.Pipeline;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Builds one variant with the native engine, unless its packages are present and its inputs unchanged.
/// Cancellation (Ctrl-C) stops the build script's whole process tree; nothing reaches the channel.
/// </summary>
public sealed class BuildCondaVariant : VariantTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public ITaskItem Variant { get; set; } = null!;
    [Required] public string LogDir { get; set; } = "";
    [Required] public string CacheDir { get; set; } = "";
    public bool Force { get; set; }
    public bool SkipTests { get; set; }
    public bool ErrorOverlinking { get; set; }
    /// <summary><c>CondaModule</c> items: environment modules the build script loads first.</summary>
    public ITaskItem[] Modules { get; set; } = [];
    /// <summary><c>CondaChannel</c> items: channels for requirements the host does not satisfy, in priority
    /// order; the local output channel is searched first unless listed elsewhere.</summary>
    public ITaskItem[] Channels { get; set; } = [];
    /// <summary><c>CondaWheelDirectory</c> items: local wheels that can satisfy Python build requirements.</summary>
    public ITaskItem[] WheelDirectories { get; set; } = [];

    /// <summary>The package files in the channel (built now or already up to date).</summary>
    [Output] public ITaskItem[] Package { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var renderContext = RenderContextFor(Variant);
        var rendered = RecipeRenderer.Render(RecipeDir, renderContext);
        foreach (var w in rendered.Warnings) LogCondaWarning(w.Code, w.Message, w.File, w.Line);
        var label = $"{RecipeName} {Variant.GetMetadata("Description")}".TrimEnd();
        if (rendered.Recipe.Build.Skip)
        {
            Log.LogMessage(MessageImportance.High, $"{label}: skipped (build/skip is true)");
            return;
        }

        var inputs = VariantFingerprint.Compute(rendered, RecipeDir, VariablesOf(Variant), HashedSettings(Variant));
        var stamp = BuildStamp.PathFor(WorkDir, RecipeName, Variant.ItemSpec);
        var paths = PackagePaths(rendered);
        // A recipe that reads its source when rendered names its package only once the source is fetched.
        var reason = rendered.NeedsSource ? "its version is read from the source" : BuildStamp.OutOfDateReason(stamp, paths, inputs);
        if (reason is null && !Force)
        {
            Log.LogMessage(MessageImportance.High, $"{label}: {string.Join(", ", paths.Select(Path.GetFileName))} {(paths.Count == 1 ? "is" : "are")} up to date");
            Package = paths.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
            return;
        }
        Log.LogMessage(MessageImportance.High, $"{label}: building {string.Join(", ", paths.Select(Path.GetFileName))} ({(Force ? "forced" : reason)})");

        var request = new VariantBuildRequest
        {
            Rendered = rendered, RenderContext = renderContext, RecipeDir = RecipeDir, RecipeName = RecipeName, VariantId = Variant.ItemSpec,
            VariantVariables = VariablesOf(Variant), PlatformSubdir = Subdir, PythonVersion = NullIfEmpty(Variant.GetMetadata("PythonVersion")),
            ChannelDir = OutputDir, Channels = ChannelList(), WorkDir = WorkDir, LogDir = LogDir, CacheDir = CacheDir,
            Formats = Formats(), ZstdLevel = ZstdLevel,
            BaseEnvironment = ProcessEnvironment(), SiteEnvironment = SiteEnvironment,
            Externals = Externals.Where(e => e.ItemSpec != "python").Select(ToExternal).ToList(),
            DeclaredPythons = DeclaredPythons(),
            WheelDirs = WheelDirectories.Select(w => w.ItemSpec).ToList(),
            SiteRunpathWhitelist = HostRunpathWhitelist.Select(i => i.ItemSpec).ToList(),
            Modules = Modules.Select(m => m.ItemSpec).ToList(),
            ErrorOverlinking = ErrorOverlinking, SkipTests = SkipTests,
            InputsHash = inputs, StampPath = stamp,
        };
        var published = VariantBuilder.BuildAsync(request, new TaskBuildLog(Log, label, rendered.TemplatePath), _cancel.Token).GetAwaiter().GetResult();
        Log.LogMessage(MessageImportance.High, $"{label}: {string.Join(", ", published.Select(Path.GetFileName))} -> {OutputDir}");
        Package = published.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
    }

    /// <summary>The CondaChannel items, with the local output channel first unless they list it.</summary>
    private IReadOnlyList<string> ChannelList()
    {
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(OutputDir));
        var listed = Channels.Select(c => c.ItemSpec).ToList();
        return listed.Any(c => LocalPath(c) == output) ? listed : [output, .. listed];
    }

    private static string? LocalPath(string channel) =>
        channel.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? Path.TrimEndingDirectorySeparator(new Uri(channel).LocalPath)
        : channel.Contains("://", StringComparison.Ordinal) ? null
        : Path.TrimEndingDirectorySeparator(Path.GetFullPath(channel));

    private static HostExternal ToExternal(ITaskItem item) => new(
        item.ItemSpec,
        NullIfEmpty(item.GetMetadata("Version")),
        NullIfEmpty(item.GetMetadata("Build")) ?? "external_host",
        NullIfEmpty(item.GetMetadata("Path")) ?? "declared in the project");
}
