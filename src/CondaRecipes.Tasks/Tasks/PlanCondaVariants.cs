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
            foreach (var w in rendered.Warnings) LogCondaWarning(w.Code, w.Message, w.File, w.Line);
            if (rendered.Recipe.Build.Skip || rendered.NeedsSource)
            {
                // A skipped variant is never built; a recipe that reads its source names its package only
                // once the source is fetched (the build renders it again then).
                var status = rendered.Recipe.Build.Skip ? "skipped" : "needs source";
                var why = rendered.Recipe.Build.Skip ? $"build/skip is true ({SkipLine(rendered)})" : "load_* or GIT_* read the source";
                Log.LogMessage(MessageImportance.High,
                    $"  {variant.GetMetadata("Description"),-48} {rendered.Recipe.Package.Name}  [{status}: {why}]");
                var planned = new TaskItem(rendered.Recipe.Package.Name);
                planned.SetMetadata("Variant", variant.ItemSpec);
                planned.SetMetadata("Status", status);
                planned.SetMetadata("Reason", why);
                packages.Add(planned);
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

    /// <summary>The meta.yaml line that set build/skip, with its selector, e.g. <c>meta.yaml:9 skip: true  # [py&lt;310]</c>.</summary>
    private static string SkipLine(RenderedRecipe rendered)
    {
        var renderedLines = rendered.RenderedText.Split('\n');
        int index = Array.FindIndex(renderedLines, l => l.TrimStart().StartsWith("skip:", StringComparison.Ordinal));
        var templateLines = rendered.TemplateText.Split('\n');
        int line = index < 0 ? 0 : rendered.LineMap.ToTemplateLine(index + 1);
        return line <= 0 || line > templateLines.Length
            ? Path.GetFileName(rendered.TemplatePath)
            : $"{Path.GetFileName(rendered.TemplatePath)}:{line} {templateLines[line - 1].Trim()}";
    }
}
