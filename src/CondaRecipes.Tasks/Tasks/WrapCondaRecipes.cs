using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Site;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// -t:WrapCondaRecipes of CondaRecipes.Traversal: writes a recipe project for each existing recipe
/// folder, meta.yaml or recipe.yaml (<see cref="RecipeWrapper"/>) and reports what it wrote.
/// </summary>
public sealed class WrapCondaRecipes : CondaTaskBase
{
    /// <summary>A recipe folder or a folder of them.</summary>
    [Required] public string Source { get; set; } = "";

    /// <summary>Where the recipe projects go.</summary>
    [Required] public string ProjectDir { get; set; } = "";

    /// <summary>The Python axis for recipes whose own variant file does not set python (';'-separated).</summary>
    public string Pythons { get; set; } = "";

    public bool Overwrite { get; set; }

    /// <summary>The site's CondaEnvironment items (metadata Value), which recipes may read while rendering.</summary>
    public ITaskItem[] Environment { get; set; } = [];

    public string Subdir { get; set; } = "linux-64";

    /// <summary>The projects written.</summary>
    [Output] public ITaskItem[] Projects { get; set; } = [];

    protected override void ExecuteCore()
    {
        var environment = VariantTaskBase.ProcessEnvironment();
        foreach (var item in Environment)
            environment[item.ItemSpec] = item.GetMetadata("Value");
        var wrapped = RecipeWrapper.Wrap(new WrapRequest(Source, ProjectDir, VariableCodec.SplitValues(Pythons), Overwrite)
            { Environment = environment, Subdir = Subdir });
        foreach (var r in wrapped)
        {
            string references = r.References.Count == 0 ? "" : $" after {string.Join(", ", r.References.Select(Path.GetFileName))}";
            Log.LogMessage(MessageImportance.High, $"{r.ProjectPath}: {r.RecipeDir} ({string.Join(", ", r.Packages)}){references}");
        }
        Projects = wrapped.Select(r => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(r.ProjectPath)).ToArray();
    }
}
