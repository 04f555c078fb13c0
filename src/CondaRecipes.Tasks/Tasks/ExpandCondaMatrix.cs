using CondaRecipes.Diagnostics;
using CondaRecipes.Planning;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.Variants;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Expands the recipe's matrix into one item per variant: the variant config files (conda-build's defaults,
/// then <c>CondaVariantConfig</c> items, the recipe's <c>conda_build_config.yaml</c> (and a recipe.yaml's <c>variants.yaml</c>), then
/// <c>CondaVariantConfigFiles</c>) merged, the project's <c>CondaPython</c> and <c>CondaVariant</c> items
/// replacing the keys they name, narrowed by the build's global (command-line) properties, and — given the
/// recipe directory — reduced to the variants that differ in variables the recipe uses.
/// </summary>
public sealed class ExpandCondaMatrix : CondaTaskBase
{
    /// <summary><c>CondaPython</c> items: one Python version each (the Python axis).</summary>
    public ITaskItem[] Pythons { get; set; } = [];

    /// <summary><c>CondaVariant</c> items: Include = variable; metadata Values, ZipWith, OverrideProperty.</summary>
    public ITaskItem[] Variants { get; set; } = [];

    /// <summary><c>CondaVariantConfig</c> items: site-wide variant config files, lowest priority first.</summary>
    public ITaskItem[] VariantConfigs { get; set; } = [];

    /// <summary>Variant config files given for this build (<c>-p:CondaVariantConfigFiles=a.yaml;b.yaml</c>), highest priority.</summary>
    public string? VariantConfigFiles { get; set; }

    /// <summary>The recipe directory: its <c>conda_build_config.yaml</c> is read, and its meta.yaml rendered to reduce the matrix.
    /// Without it, neither happens.</summary>
    public string? RecipeDir { get; set; }

    /// <summary>The target subdir, conda-build's default <c>target_platform</c>.</summary>
    public string Subdir { get; set; } = "linux-64";

    /// <summary><c>CondaEnvironment</c> items, seen by selectors in config files and by the render.</summary>
    public ITaskItem[] Environment { get; set; } = [];

    /// <summary>The project file, for error locations.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>
    /// One item per variant: ItemSpec = variant id; metadata <c>PythonVersion</c>, <c>Variables</c>
    /// (<c>NAME=value</c> lines joined by <c>|</c>), <c>Description</c>, <c>VariantSettings</c> (pin_run_as_build,
    /// ignore_version, ignore_build_only_deps), <c>UsedVariables</c> (what the recipe uses, when rendered here),
    /// and <c>InnerProperties</c> — the global properties that select exactly this variant.
    /// </summary>
    [Output] public ITaskItem[] Result { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var items = new List<AxisDeclaration>();
        if (Pythons.Length > 0)
            items.Add(new AxisDeclaration(MatrixVariable.Python,
                Pythons.SelectMany(p => VariableCodec.SplitValues(p.ItemSpec)).Distinct().ToList(),
                DeclaredIn: ProjectFile, Line: ProjectLineLocator.Find(ProjectFile, "CondaPython", Pythons[0].ItemSpec)));
        foreach (var item in Variants)
            items.Add(new AxisDeclaration(
                item.ItemSpec,
                VariableCodec.SplitValues(item.GetMetadata("Values")),
                NullIfEmpty(item.GetMetadata("ZipWith")),
                NullIfEmpty(item.GetMetadata("OverrideProperty")),
                ProjectFile,
                ProjectLineLocator.Find(ProjectFile, "CondaVariant", item.ItemSpec)));

        // A task receives global properties in their escaped form; value lists are read from the evaluated text.
        var overrides = (BuildEngine6?.GetGlobalProperties() ?? new Dictionary<string, string>())
            .ToDictionary(p => p.Key, p => MSBuildEscaping.Unescape(p.Value), StringComparer.OrdinalIgnoreCase);

        var processEnvironment = VariantTaskBase.ProcessEnvironment();
        var siteEnvironment = Environment.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.Ordinal);
        var readContext = new RenderContext { Environment = Merge(processEnvironment, siteEnvironment) };
        var specs = new List<VariantConfigSpec> { VariantDefaults.For(Subdir, RecipeFormat.KindOf(RecipeDir)) };
        foreach (var path in ConfigFiles())
            specs.Add(VariantConfigReader.Read(path, readContext));
        var config = VariantConfigMerger.Combine(specs);
        TargetPlatformCheck.Check(config, Subdir);
        var matrix = ConfiguredMatrix.Expand(config, items, overrides);
        string settings = config.Settings.ToText();

        var zipGroups = matrix.Axes.Where(a => a.Variables.Count > 1)
            .Select(a => (IReadOnlyList<string>)a.Variables.Select(v => v.Name).ToList()).ToList();
        IReadOnlyList<VariantReducer.Reduced> reduced = string.IsNullOrEmpty(RecipeDir)
            ? matrix.Variants.Select(v => new VariantReducer.Reduced(v, null)).ToList()
            : VariantReducer.Reduce(matrix.Variants, zipGroups, v => TryRender(v, settings, processEnvironment, siteEnvironment));
        Result = reduced.Select(r => ToItem(r, matrix.Axes, settings)).ToArray();
    }

    /// <summary>In conda-build's order: site-wide items, the recipe's own file, then the command line's.</summary>
    private IEnumerable<string> ConfigFiles()
    {
        foreach (var item in VariantConfigs)
            yield return item.GetMetadata("FullPath") is { Length: > 0 } full ? full : item.ItemSpec;
        if (!string.IsNullOrEmpty(RecipeDir))
            foreach (var own in RecipeFormat.OwnVariantFiles(RecipeDir))
                yield return own;
        string baseDir = Path.GetDirectoryName(ProjectFile) ?? Directory.GetCurrentDirectory();
        foreach (var file in (VariantConfigFiles ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            yield return Path.GetFullPath(file, baseDir);
    }

    private RenderedRecipe? TryRender(Variant variant, string settings, IReadOnlyDictionary<string, string> processEnvironment,
        IReadOnlyDictionary<string, string> siteEnvironment)
    {
        try
        {
            var request = new VariantRequest(variant.Id, variant.ToString(), variant.Variables.ToList(), variant.PythonVersion) { Settings = settings };
            return RecipeRenderer.Render(RecipeDir!, VariantRenderContext.Create(request, processEnvironment, siteEnvironment));
        }
        catch (CondaRecipesException)
        {
            // Planning and building render it again and report the error with its code.
            return null;
        }
    }

    // Literal: TaskItem.SetMetadata takes MSBuild-escaped text, which would turn the codec's %XX back into separators.
    private static void SetVariantMetadata(ITaskItem2 item, Variant variant, string settings)
    {
        item.SetMetadataValueLiteral("PythonVersion", variant.PythonVersion ?? "");
        item.SetMetadataValueLiteral("Variables", VariableCodec.EncodeVariables(variant.Variables));
        item.SetMetadataValueLiteral("VariantSettings", settings);
    }

    private static ITaskItem ToItem(VariantReducer.Reduced reduced, IReadOnlyList<MatrixAxis> axes, string settings)
    {
        var variant = reduced.Variant;
        var task = new TaskItem(variant.Id);
        ITaskItem2 item = task;
        SetVariantMetadata(item, variant, settings);
        item.SetMetadataValueLiteral("Description", variant.ToString());
        item.SetMetadataValueLiteral("UsedVariables", reduced.Rendered is { } r ? VariableCodec.EncodeVariables(r.UsedVariables) : "");
        // Each property's evaluated value is the variant's value as a one-element list (VariableCodec), so the inner
        // build's ExpandCondaMatrix reads back exactly this value. Stored MSBuild-escaped (SetMetadata takes escaped
        // text): the MSBuild task receives "Name=element;..." and a job's -p: arguments the escaped form.
        task.SetMetadata("InnerProperties", MSBuildEscaping.PropertiesString(axes.SelectMany(a => a.Variables)
            .Select(v => KeyValuePair.Create(v.OverrideProperty, VariableCodec.Escape(variant.Get(v.Name) ?? "")))));
        return task;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var merged = new Dictionary<string, string>(a, StringComparer.Ordinal);
        foreach (var (k, v) in b) merged[k] = v;
        return merged;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
