using CondaRecipes.Recipes.Matrix;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Expands the project's <c>CondaPython</c> and <c>CondaVariant</c> items into one item per variant,
/// narrowed by the build's global (command-line) properties.
/// </summary>
public sealed class ExpandCondaMatrix : CondaTaskBase
{
    /// <summary><c>CondaPython</c> items: one Python version each (the Python axis).</summary>
    public ITaskItem[] Pythons { get; set; } = [];

    /// <summary><c>CondaVariant</c> items: Include = variable; metadata Values, ZipWith, OverrideProperty.</summary>
    public ITaskItem[] Variants { get; set; } = [];

    /// <summary>The project file, for error locations.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>
    /// One item per variant: ItemSpec = variant id; metadata <c>PythonVersion</c>, <c>Variables</c>
    /// (<c>NAME=value</c> lines joined by <c>|</c>), <c>Description</c>, and <c>InnerProperties</c> — the global
    /// properties that select exactly this variant (used for the per-variant build and for batch jobs).
    /// </summary>
    [Output] public ITaskItem[] Result { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var declarations = new List<AxisDeclaration>();
        if (Pythons.Length > 0)
            declarations.Add(new AxisDeclaration(MatrixVariable.Python,
                Pythons.SelectMany(p => AxisDeclaration.SplitValues(p.ItemSpec)).Distinct().ToList(),
                DeclaredIn: ProjectFile, Line: ProjectLineLocator.Find(ProjectFile, "CondaPython", Pythons[0].ItemSpec)));
        foreach (var item in Variants)
            declarations.Add(new AxisDeclaration(
                item.ItemSpec,
                AxisDeclaration.SplitValues(item.GetMetadata("Values")),
                NullIfEmpty(item.GetMetadata("ZipWith")),
                NullIfEmpty(item.GetMetadata("OverrideProperty")),
                ProjectFile,
                ProjectLineLocator.Find(ProjectFile, "CondaVariant", item.ItemSpec)));

        var overrides = new Dictionary<string, string>(
            BuildEngine6?.GetGlobalProperties() ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

        var axes = VariantMatrix.BuildAxes(declarations);
        var variants = VariantMatrix.ExpandAxes(axes, overrides);
        Result = variants.Select(v => ToItem(v, axes)).ToArray();
    }

    private static ITaskItem ToItem(Variant variant, IReadOnlyList<MatrixAxis> axes)
    {
        var item = new TaskItem(variant.Id);
        item.SetMetadata("PythonVersion", variant.PythonVersion ?? "");
        item.SetMetadata("Variables", string.Join("|", variant.Variables.Select(kv => $"{kv.Key}={kv.Value}")));
        item.SetMetadata("Description", variant.ToString());
        var selecting = axes.SelectMany(a => a.Variables)
            .Select(v => KeyValuePair.Create(v.OverrideProperty, variant.Get(v.Name) ?? ""));
        // TaskItem.SetMetadata escapes again, so the MSBuild task receives values escaped exactly once.
        item.SetMetadata("InnerProperties", MSBuildEscaping.PropertiesString(selecting));
        return item;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
