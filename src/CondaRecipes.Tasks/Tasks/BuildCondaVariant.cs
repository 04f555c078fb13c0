using CondaRecipes.Planning;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Builds one variant with the engine CondaBuildEngine names, unless the planner finds it skipped or up to
/// date. Cancellation (Ctrl-C) stops the build's whole process tree; nothing reaches the channel.
/// </summary>
public sealed class BuildCondaVariant : VariantTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public ITaskItem Variant { get; set; } = null!;
    public bool Force { get; set; }

    /// <summary>CondaCpuCount: the cores every variant gets; empty to share them (see <see cref="CpuShare"/>).</summary>
    public string CpuCount { get; set; } = "";

    /// <summary>MSBuildNodeCount: how many variants may build at once (-m:N).</summary>
    public int NodeCount { get; set; } = 1;

    /// <summary>Where the outer build wrote how many variants it builds (absent when this variant is built alone).</summary>
    public string VariantCountFile { get; set; } = "";

    /// <summary>
    /// The package files in the channel (built now or already up to date); metadata Variant, Status and
    /// Reason (the planner's verdict before this build, as Plan reports it) and Built.
    /// </summary>
    [Output] public ITaskItem[] Package { get; private set; } = [];

    /// <summary>
    /// One item for the variant, whatever its outcome (ItemSpec = the variant id): metadata Status (built, up to
    /// date, skipped), Reason, Packages (the files, separated by semicolons), Size (bytes, all files), Duration
    /// (seconds) and Log. The build's summary reads it; a variant that failed has none.
    /// </summary>
    [Output] public ITaskItem? Outcome { get; private set; }

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var variant = RequestOf(Variant);
        var log = new TaskBuildLog(Log, variant.Label(RecipeName), RecipeFile());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        VariantBuildOutcome outcome;
        using (var cores = CoreGrant.Request(BuildEngine, CpuCount, ProjectFile, NodeCount, VariantCountFile, ProcessEnvironment()))
        {
            BuildCpuCount = cores.Cores;
            log.Detail($"CPU_COUNT={cores.Cores} ({cores.Source})");
            outcome = Planner().BuildAsync(variant, Force, log, _cancel.Token).GetAwaiter().GetResult();
        }
        var status = outcome.Built ? "built" : outcome.Plan.Status.Text();
        Log.LogMessage(MessageImportance.High, TerminalLine.For(ProjectFile, outcome.Packages,
            outcome.Built ? "built" : outcome.Plan.StatusText, OutputDir));
        Outcome = OutcomeItem(variant.Id, status, outcome, clock.Elapsed);
        foreach (var w in outcome.Plan.Rendered.Warnings) LogCondaWarning(w.Code, w.Message, w.File, w.Line);
        Package = outcome.Packages.Select(path =>
        {
            var item = new TaskItem(path);
            item.SetMetadata("Variant", variant.Id);
            item.SetMetadata("Status", outcome.Plan.Status.Text());
            item.SetMetadata("Reason", outcome.Plan.Reason ?? "");
            item.SetMetadata("Built", outcome.Built ? "true" : "false");
            return (ITaskItem)item;
        }).ToArray();
    }

    private ITaskItem OutcomeItem(string variantId, string status, VariantBuildOutcome outcome, TimeSpan duration)
    {
        var item = new TaskItem(variantId);
        ITaskItem2 literal = item;
        literal.SetMetadataValueLiteral("Recipe", RecipeName);
        literal.SetMetadataValueLiteral("Status", status);
        literal.SetMetadataValueLiteral("Reason", outcome.Plan.Reason ?? "");
        literal.SetMetadataValueLiteral("Packages", string.Join(";", outcome.Packages));
        literal.SetMetadataValueLiteral("Size", outcome.Packages.Where(File.Exists).Sum(p => new FileInfo(p).Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        literal.SetMetadataValueLiteral("Duration", duration.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        literal.SetMetadataValueLiteral("Log", new CondaRecipes.Pipeline.WorkLayout(WorkDir, RecipeName, variantId, LogDir).LogPath);
        return item;
    }

    /// <summary>Where diagnostics without a file of their own point: the recipe's meta.yaml, meta.yml or recipe.yaml.</summary>
    private string RecipeFile() => Recipes.RecipeFormat.FileFor(RecipeDir);
}
