using CondaRecipes.Planning;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// What a variant's build reports once its outcome is known, whether nothing was to be built (<see cref="StartCondaVariant"/>)
/// or its stages ran (<see cref="FinishCondaVariant"/>): the terminal line, the package items and the outcome item.
/// </summary>
internal sealed record VariantReport(string ProjectFile, string RecipeName, string WorkDir, string LogDir, string OutputDir)
{
    /// <summary>
    /// Logs the variant's terminal line and returns its items. Package: the package files in the channel (built now
    /// or already up to date), with metadata Variant, Status and Reason (the planner's verdict before this build, as
    /// Plan reports it) and Built. Outcome: one item whatever the outcome (ItemSpec = the variant id), with metadata
    /// Recipe, Status (built, up to date, skipped), Reason, Packages (separated by semicolons), Size (bytes, all
    /// files), Duration (seconds) and Log; the build's summary reads it. A variant that failed has neither.
    /// </summary>
    public (ITaskItem[] Packages, ITaskItem Outcome) Items(TaskLoggingHelper log, string variantId, VariantBuildOutcome outcome, TimeSpan duration)
    {
        var status = outcome.Built ? "built" : outcome.Plan.Status.Text();
        log.LogMessage(MessageImportance.High, TerminalLine.For(ProjectFile, outcome.Packages,
            outcome.Built ? "built" : outcome.Plan.StatusText, OutputDir));
        var packages = outcome.Packages.Select(path =>
        {
            var item = new TaskItem(path);
            item.SetMetadata("Variant", variantId);
            item.SetMetadata("Status", outcome.Plan.Status.Text());
            item.SetMetadata("Reason", outcome.Plan.Reason ?? "");
            item.SetMetadata("Built", outcome.Built ? "true" : "false");
            return (ITaskItem)item;
        }).ToArray();
        return (packages, OutcomeItem(variantId, status, outcome, duration));
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
}
