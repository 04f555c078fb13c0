using CondaRecipes.Diagnostics;
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
    /// (<see cref="VariableCodec.EncodeVariables"/>), <c>Description</c>, and <c>InnerProperties</c> — the global
    /// properties that select exactly this variant (used for the per-variant build and for batch jobs).
    /// </summary>
    [Output] public ITaskItem[] Result { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var declarations = new List<AxisDeclaration>();
        if (Pythons.Length > 0)
            declarations.Add(new AxisDeclaration(MatrixVariable.Python,
                Pythons.SelectMany(p => VariableCodec.SplitValues(Escaped(p))).Distinct().ToList(),
                DeclaredIn: ProjectFile, Line: ProjectLineLocator.Find(ProjectFile, "CondaPython", Pythons[0].ItemSpec)));
        foreach (var item in Variants)
            declarations.Add(new AxisDeclaration(
                item.ItemSpec,
                VariableCodec.SplitValues(Escaped(item, "Values")),
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
        item.SetMetadata("Variables", VariableCodec.EncodeVariables(variant.Variables));
        item.SetMetadata("Description", variant.ToString());
        var selecting = axes.SelectMany(a => a.Variables)
            .Select(v => KeyValuePair.Create(v.OverrideProperty, VariableCodec.Escape(variant.Get(v.Name) ?? "")));
        // Each value is one element of the property's value list (VariableCodec), then MSBuild-escaped; TaskItem.SetMetadata
        // escapes again, so the MSBuild task receives values escaped exactly once and the inner build reads the element.
        item.SetMetadata("InnerProperties", MSBuildEscaping.PropertiesString(selecting));
        return item;
    }

    /// <summary>
    /// The text as written in the project, before MSBuild unescapes it: <c>%3B</c> in a value list is a literal
    /// <c>;</c> inside one value, not a separator (the list splits first, then <see cref="VariableCodec"/> unescapes).
    /// </summary>
    private static string Escaped(ITaskItem item, string? metadata = null) => item is ITaskItem2 escaped
        ? metadata is null ? escaped.EvaluatedIncludeEscaped : escaped.GetMetadataValueEscaped(metadata)
        : metadata is null ? item.ItemSpec : item.GetMetadata(metadata);

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
