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
        var outcome = Planner().BuildAsync(variant, Force, log, _cancel.Token).GetAwaiter().GetResult();
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

    /// <summary>Where diagnostics without a file of their own point: the recipe's meta.yaml, meta.yml or recipe.yaml.</summary>
    private string RecipeFile() => Recipes.RecipeFormat.FileFor(RecipeDir);
}
