using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Ends a variant's build once every stage target has run: its terminal line, package items and outcome
/// (<see cref="VariantReport"/>), and the variant's lock released.
/// </summary>
public sealed class FinishCondaVariant : CondaTaskBase
{
    /// <summary>StartCondaVariant's Session.</summary>
    [Required] public string Session { get; set; } = "";

    /// <summary>The package files now in the channel (see <see cref="VariantReport"/>).</summary>
    [Output] public ITaskItem[] Package { get; private set; } = [];

    /// <summary>The variant's outcome (see <see cref="VariantReport"/>).</summary>
    [Output] public ITaskItem? Outcome { get; private set; }

    protected override void ExecuteCore()
    {
        var build = VariantInProgress.Find(BuildEngine, Session);
        try
        {
            var outcome = build.Session.Finish();
            (Package, Outcome) = build.Report.Items(Log, build.VariantId, outcome, build.Elapsed);
        }
        finally
        {
            VariantInProgress.End(BuildEngine, Session);
        }
    }
}
