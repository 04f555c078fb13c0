using CondaRecipes.Pipeline;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Runs one step of a variant's build in progress (a stage target: CondaSource, CondaBuildScript, …) with the cores
/// granted to it for CPU_COUNT (<see cref="CoreGrant"/>: held while the step runs). A step that fails or is cancelled ends the build, releasing the variant's lock.
/// </summary>
public sealed class RunCondaVariantStep : CondaTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>StartCondaVariant's Session.</summary>
    [Required] public string Session { get; set; } = "";

    /// <summary>The step's name (<see cref="VariantStepNames"/>).</summary>
    [Required] public string Step { get; set; } = "";

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var build = VariantInProgress.Find(BuildEngine, Session);
        var log = new TaskBuildLog(Log, build.Label, build.RecipeFile);
        try
        {
            using var cores = CoreGrant.Request(BuildEngine, build.Cores);
            log.Detail($"CPU_COUNT={cores.Cores} ({cores.Source})");
            build.Session.RunStepAsync(Step, new VariantStepContext(log, cores.Cores, _cancel.Token)).GetAwaiter().GetResult();
        }
        catch
        {
            VariantInProgress.End(BuildEngine, Session);
            throw;
        }
    }
}
