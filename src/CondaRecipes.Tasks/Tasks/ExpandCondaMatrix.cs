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
                Pythons.SelectMany(p => VariableCodec.SplitValues(p.ItemSpec)).Distinct().ToList(),
                DeclaredIn: ProjectFile, Line: ProjectLineLocator.Find(ProjectFile, "CondaPython", Pythons[0].ItemSpec)));
        foreach (var item in Variants)
            declarations.Add(new AxisDeclaration(
                item.ItemSpec,
                VariableCodec.SplitValues(item.GetMetadata("Values")),
                NullIfEmpty(item.GetMetadata("ZipWith")),
                NullIfEmpty(item.GetMetadata("OverrideProperty")),
                ProjectFile,
                ProjectLineLocator.Find(ProjectFile, "CondaVariant", item.ItemSpec)));

        // A task receives global properties in their escaped form; value lists are read from the evaluated text.
        var overrides = (BuildEngine6?.GetGlobalProperties() ?? new Dictionary<string, string>())
            .ToDictionary(p => p.Key, p => MSBuildEscaping.Unescape(p.Value), StringComparer.OrdinalIgnoreCase);

        var axes = VariantMatrix.BuildAxes(declarations);
        var variants = VariantMatrix.ExpandAxes(axes, overrides);
        Result = variants.Select(v => ToItem(v, axes)).ToArray();
    }

    private static ITaskItem ToItem(Variant variant, IReadOnlyList<MatrixAxis> axes)
    {
        var task = new TaskItem(variant.Id);
        ITaskItem2 item = task;
        // Literal: TaskItem.SetMetadata takes MSBuild-escaped text, which would turn the codec's %XX back into separators.
        item.SetMetadataValueLiteral("PythonVersion", variant.PythonVersion ?? "");
        item.SetMetadataValueLiteral("Variables", VariableCodec.EncodeVariables(variant.Variables));
        item.SetMetadataValueLiteral("Description", variant.ToString());
        // Each property's evaluated value is the variant's value as a one-element list (VariableCodec), so the inner
        // build's ExpandCondaMatrix reads back exactly this value. Stored MSBuild-escaped (SetMetadata takes escaped
        // text): the MSBuild task receives "Name=element;..." and a job's -p: arguments the escaped form.
        item.SetMetadata("InnerProperties", MSBuildEscaping.PropertiesString(axes.SelectMany(a => a.Variables)
            .Select(v => KeyValuePair.Create(v.OverrideProperty, VariableCodec.Escape(variant.Get(v.Name) ?? "")))));
        return task;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
