using CondaRecipes.Diagnostics;
using CondaRecipes.Planning;
using CondaRecipes.Recipes.Matrix;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Prints every variant with the package files it produces and the planner's verdict — the same the build
/// acts on, for either engine — without building anything. A variant that fails to render is reported
/// with its coded error and the others are still planned.
/// </summary>
public sealed class PlanCondaVariants : VariantTaskBase
{
    public ITaskItem[] Variants { get; set; } = [];

    /// <summary>
    /// One item per planned package file (ItemSpec = its path), or per variant whose files are not known
    /// before building (ItemSpec = the variant id: skipped, or never built by conda-build); metadata
    /// Variant, Status, Reason.
    /// </summary>
    [Output] public ITaskItem[] Packages { get; private set; } = [];

    /// <summary>
    /// Set by a per-variant inner build: leave out the recipe's header line (the outer build prints it) and add
    /// the variant's <see cref="TerminalLine"/>, which the terminal logger shows at its default verbosity.
    /// </summary>
    public bool InnerBuild { get; set; }

    protected override void ExecuteCore()
    {
        var planner = Planner();
        var packages = new List<ITaskItem>();
        if (!InnerBuild)
            Log.LogMessage(MessageImportance.High, $"{RecipeName}: {Variants.Length} variant{(Variants.Length == 1 ? "" : "s")}");
        foreach (var item in Variants)
        {
            var variant = RequestOf(item);
            VariantPlan plan;
            try
            {
                plan = planner.Plan(variant);
            }
            catch (CondaRecipesException e)
            {
                LogCondaError(e);
                continue;
            }
            foreach (var w in plan.Rendered.Warnings) LogCondaWarning(w.Code, w.Message, w.File, w.Line);
            var shownRoot = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(OutputDir)) ?? "";
            IReadOnlyList<string> shown = plan.Packages.Count > 0
                ? plan.Packages.Select(p => Path.GetRelativePath(shownRoot, p)).ToList()
                : [plan.Status == VariantStatus.Skipped ? "(nothing to build)" : $"{plan.Rendered.DistName} (named by {planner.Engine.Name} when built)"];
            foreach (var line in shown)
                Log.LogMessage(MessageImportance.High, $"  {variant.Description,-48} {line}  [{plan.StatusText}]");
            foreach (var spec in plan.Packages.Count > 0 ? plan.Packages : [variant.Id])
            {
                var planned = new TaskItem(spec);
                planned.SetMetadata("Variant", variant.Id);
                planned.SetMetadata("Status", plan.Status.Text());
                planned.SetMetadata("Reason", plan.Reason ?? "");
                ((ITaskItem2)planned).SetMetadataValueLiteral("UsedVariables", VariableCodec.EncodeVariables(plan.UsedVariables));
                packages.Add(planned);
            }
            if (InnerBuild)
                Log.LogMessage(MessageImportance.High, TerminalLine.For(ProjectFile, plan.Packages, plan.StatusText, OutputDir));
            if (plan.Status != VariantStatus.Skipped)
                Log.LogMessage(MessageImportance.High, "    uses: " + (plan.UsedVariables.Count == 0 ? "(no variant variables)"
                    : string.Join(" ", plan.UsedVariables.Select(kv => $"{kv.Key}={kv.Value}"))));
        }
        Packages = packages.ToArray();
    }
}
