using CondaRecipes.Build.Environments;

namespace CondaRecipes.Build.Stages;

/// <summary>
/// Satisfies the build and host requirements from the host and lays out the prefixes. Returns the variant's
/// interpreter (null for a recipe without a Python axis).
/// </summary>
public static class EnvironmentStage
{
    public static async Task<PythonInterpreter?> RunAsync(VariantBuildRequest r, WorkLayout layout, IBuildLog log, CancellationToken ct)
    {
        var path = r.BaseEnvironment.GetValueOrDefault("PATH", "/usr/bin:/bin");
        PythonInterpreter? python = null;
        if (r.PythonVersion is { } py)
        {
            python = new PythonLocator(r.DeclaredPythons, r.BaseEnvironment.GetValueOrDefault("PYENV_ROOT"),
                r.BaseEnvironment.GetValueOrDefault("HOME"), path).Find(py);
            log.Info($"Python {python.Version} from {python.Executable} ({python.Origin})");
        }

        var requirements = r.Rendered.Recipe.Requirements;
        var satisfied = new RequirementSatisfier(r.Externals, python, path, r.WheelDirs)
            .SatisfyAll(requirements.Build.Concat(requirements.Host).Select(q => q.Spec), r.Rendered.TemplatePath);
        foreach (var s in satisfied)
            log.Detail($"requirement '{s.Spec}': {s.External}");

        await HostPrefixBuilder.CreateAsync(layout.HostPrefix, layout.BuildPrefix, python,
            satisfied.Where(s => s.WheelToInstall is not null).Select(s => s.WheelToInstall!).Distinct(), log.Info, ct);
        return python;
    }
}
