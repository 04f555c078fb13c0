using CondaRecipes.Settings;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Checks the project's properties and items before anything else runs (the _CondaValidateSettings target):
/// every value as a string, so a bad boolean or number is a coded error naming the property instead of
/// MSBuild's MSB4030. The rules are the engine's <see cref="ProjectSettingsValidator"/>.
/// </summary>
public sealed class ValidateCondaSettings : CondaTaskBase
{
    [Required] public string ProjectFile { get; set; } = "";
    /// <summary>One item per property: ItemSpec = the property's name, metadata Value = its value.</summary>
    public ITaskItem[] Properties { get; set; } = [];
    public ITaskItem[] Environment { get; set; } = [];
    public ITaskItem[] Pythons { get; set; } = [];
    public ITaskItem[] Modules { get; set; } = [];
    public ITaskItem[] Channels { get; set; } = [];
    public string OutputDir { get; set; } = "";

    protected override void ExecuteCore()
    {
        var settings = new ProjectSettings
        {
            ProjectFile = ProjectFile,
            Properties = Properties.GroupBy(p => p.ItemSpec, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Value"), StringComparer.OrdinalIgnoreCase),
            EnvironmentNames = Environment.Select(e => e.ItemSpec).ToList(),
            Pythons = Pythons.Select(p => p.ItemSpec).ToList(),
            Modules = Modules.Select(m => m.ItemSpec).ToList(),
            Channels = Channels.Select(c => c.ItemSpec).ToList(),
            OutputDir = OutputDir,
        };
        foreach (var problem in ProjectSettingsValidator.Validate(settings)) LogCondaError(problem);
    }
}
