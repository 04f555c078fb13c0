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

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var variant = RequestOf(Variant);
        var log = new TaskBuildLog(Log, variant.Label(RecipeName), RecipeFile());
        var fixedCount = CpuShare.ParseOverride(CpuCount, ProjectFile);
        // MSBuild's core budget is shared by all its nodes: asking for this variant's share keeps the build
        // within it alongside other tasks that ask; the grant is returned as soon as the variant is done.
        var engine9 = fixedCount is null ? BuildEngine as IBuildEngine9 : null;
        var budget = CpuShare.Budget(ProcessEnvironment());
        var atOnce = CpuShare.BuildsAtOnce(NodeCount, VariantCountFile);
        var granted = RequestCores(engine9, fixedCount ?? CpuShare.FairShare(budget, atOnce));
        BuildCpuCount = granted;
        log.Detail(fixedCount is null
            ? $"CPU_COUNT={granted}: a share of {budget} cores among up to {atOnce} builds at once"
            : $"CPU_COUNT={granted} (CondaCpuCount)");
        VariantBuildOutcome outcome;
        try
        {
            outcome = Planner().BuildAsync(variant, Force, log, _cancel.Token).GetAwaiter().GetResult();
        }
        finally
        {
            if (engine9 is not null && granted > 0) ReleaseCores(engine9, granted);
        }
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

    /// <summary>The cores MSBuild grants (at least one: the node's own), or the share itself where the host
    /// has no core budget (an out-of-process task host of an older MSBuild answers NotImplementedException).</summary>
    private static int RequestCores(IBuildEngine9? engine, int share)
    {
        if (engine is null) return share;
        try { return engine.RequestCores(share); }
        catch (NotImplementedException) { return share; }
    }

    private static void ReleaseCores(IBuildEngine9 engine, int cores)
    {
        try { engine.ReleaseCores(cores); }
        catch (NotImplementedException) { }
    }

    /// <summary>Where diagnostics without a file of their own point: the recipe's meta.yaml (or meta.yml).</summary>
    private string RecipeFile()
    {
        var yaml = Path.Combine(RecipeDir, "meta.yaml");
        var yml = Path.Combine(RecipeDir, "meta.yml");
        return !File.Exists(yaml) && File.Exists(yml) ? yml : yaml;
    }
}
