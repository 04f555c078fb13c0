using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Starts one variant's build with the engine CondaBuildEngine names, unless the planner finds it skipped or up to date
/// (then its outcome is final here). A build in progress is kept for the stage targets (<see cref="VariantInProgress"/>):
/// <see cref="Session"/> names it and <see cref="Steps"/> lists the steps they run, each with
/// <see cref="RunCondaVariantStep"/>; <see cref="FinishCondaVariant"/> reports it.
/// </summary>
public sealed class StartCondaVariant : VariantTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public ITaskItem Variant { get; set; } = null!;
    public bool Force { get; set; }

    /// <summary>CondaCpuCount: the cores every variant gets; empty to share them (see <see cref="Planning.CpuShare"/>).</summary>
    public string CpuCount { get; set; } = "";

    /// <summary>MSBuildNodeCount: how many variants may build at once (-m:N).</summary>
    public int NodeCount { get; set; } = 1;

    /// <summary>Where the outer build wrote how many variants it builds (absent when this variant is built alone).</summary>
    public string VariantCountFile { get; set; } = "";

    /// <summary>The build in progress (for the stage targets), or empty when nothing is to be built.</summary>
    [Output] public string Session { get; private set; } = "";

    /// <summary>The steps the stage targets run, separated by semicolons (empty when nothing is to be built).</summary>
    [Output] public string Steps { get; private set; } = "";

    /// <summary>When nothing is to be built: the package files in the channel (see <see cref="VariantReport"/>).</summary>
    [Output] public ITaskItem[] Package { get; private set; } = [];

    /// <summary>When nothing is to be built: the variant's outcome (see <see cref="VariantReport"/>).</summary>
    [Output] public ITaskItem? Outcome { get; private set; }

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var variant = RequestOf(Variant);
        Planning.CpuShare.ParseOverride(CpuCount, ProjectFile); // a bad CondaCpuCount stops the build before it starts
        var recipeFile = Recipes.RecipeFormat.FileFor(RecipeDir);
        var label = variant.Label(RecipeName);
        var report = new VariantReport(ProjectFile, RecipeName, WorkDir, LogDir, OutputDir);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var start = Planner().StartAsync(variant, Force, new TaskBuildLog(Log, label, recipeFile), _cancel.Token).GetAwaiter().GetResult();
        var plan = start.Finished?.Plan ?? start.Session!.Plan;
        foreach (var w in plan.Rendered.Warnings) LogCondaWarning(w.Code, w.Message, w.File, w.Line);
        if (start.Session is { } session)
        {
            var cores = new CoreRequest(CpuCount, ProjectFile, NodeCount, VariantCountFile);
            Session = VariantInProgress.Register(BuildEngine, new VariantInProgress(session, variant.Id, label, recipeFile, report, cores, clock));
            Steps = string.Join(";", session.StepNames);
            return;
        }
        (Package, Outcome) = report.Items(Log, variant.Id, start.Finished!, clock.Elapsed);
    }
}
