using CondaRecipes.Pipeline;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Renders every variant and prints the package file it will produce and whether that file is present and
/// up to date — without building anything. A variant that fails to render is reported with its coded
/// error and the others are still planned.
/// </summary>
public sealed class PlanCondaVariants : VariantTaskBase
{
    public ITaskItem[] Variants { get; set; } = [];

    /// <summary>One item per planned package file; metadata Variant, Status, Reason.</summary>
    [Output] public ITaskItem[] Packages { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var packages = new List<ITaskItem>();
        Log.LogMessage(MessageImportance.High, $"{RecipeName}: {Variants.Length} variant{(Variants.Length == 1 ? "" : "s")}");
        foreach (var variant in Variants)
        {
            RenderedRecipe rendered;
            try
            {
                rendered = RecipeRenderer.Render(RecipeDir, RenderContextFor(variant));
            }
            catch (CondaRecipesException e)
            {
                LogCondaError(e);
                continue;
            }
            var inputs = VariantFingerprint.Compute(rendered, RecipeDir, VariablesOf(variant), HashedSettings(variant));
            var stamp = BuildStamp.PathFor(WorkDir, RecipeName, variant.ItemSpec);
            var paths = PackagePaths(rendered);
            var reason = BuildStamp.OutOfDateReason(stamp, paths, inputs);
            foreach (var path in paths)
            {
                var status = reason is null ? "up to date" : reason == "missing" ? "missing" : "out of date";
                var shown = Path.GetRelativePath(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(OutputDir)) ?? "", path);
                Log.LogMessage(MessageImportance.High,
                    $"  {variant.GetMetadata("Description"),-48} {shown}  [{status}{(reason is null or "missing" ? "" : ": " + reason)}]");
                var item = new TaskItem(path);
                item.SetMetadata("Variant", variant.ItemSpec);
                item.SetMetadata("Status", status);
                item.SetMetadata("Reason", reason ?? "");
                item.SetMetadata("UsedVariables", string.Join("|", rendered.UsedVariables.Select(kv => $"{kv.Key}={kv.Value}")));
                packages.Add(item);
            }
            Log.LogMessage(MessageImportance.High, "    uses: " + (rendered.UsedVariables.Count == 0 ? "(no variant variables)"
                : string.Join(" ", rendered.UsedVariables.Select(kv => $"{kv.Key}={kv.Value}"))));
        }
        Packages = packages.ToArray();
    }
}
