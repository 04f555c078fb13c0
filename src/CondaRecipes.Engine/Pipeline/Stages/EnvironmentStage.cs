using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Pipeline.Stages;

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
        var satisfier = new RequirementSatisfier(r.Externals, python, path, r.WheelDirs);
        var (buildOk, buildMissing) = satisfier.Partition(requirements.Build.Select(q => q.Spec));
        var (hostOk, hostMissing) = satisfier.Partition(requirements.Host.Select(q => q.Spec));
        foreach (var s in buildOk.Concat(hostOk))
            log.Detail($"requirement '{s.Spec}': {s.External}");

        await HostPrefixBuilder.CreateAsync(layout.HostPrefix, layout.BuildPrefix, python,
            buildOk.Concat(hostOk).Where(s => s.WheelToInstall is not null).Select(s => s.WheelToInstall!).Distinct(), log.Info, ct);

        // What the host does not provide comes from the channels, the local output channel first.
        var channels = new ChannelEnvironment(r.Channels, r.PlatformSubdir, r.CacheDir, log);
        await channels.InstallAsync(buildMissing, satisfier.SolverExternals, layout.BuildPrefix, r.Rendered.TemplatePath, ct);
        await channels.InstallAsync(hostMissing, satisfier.SolverExternals, layout.HostPrefix, r.Rendered.TemplatePath, ct);
        return python;
    }

    /// <summary>
    /// Adds an output's own build and host requirements to the variant's prefixes before its script runs:
    /// what the host does not provide comes from the channels. Requirements on the recipe's other outputs are
    /// already met: their files are in the host prefix from the top-level build.
    /// </summary>
    public static async Task AddOutputRequirementsAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python,
        Recipes.RecipeOutput output, IBuildLog log, CancellationToken ct)
    {
        var siblings = r.Rendered.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var path = r.BaseEnvironment.GetValueOrDefault("PATH", "/usr/bin:/bin");
        var satisfier = new RequirementSatisfier(r.Externals, python, path, r.WheelDirs);
        var requirements = output.Recipe.Requirements;
        var (_, buildMissing) = satisfier.Partition(requirements.Build.Where(q => !siblings.Contains(q.Name)).Select(q => q.Spec));
        var (_, hostMissing) = satisfier.Partition(requirements.Host.Where(q => !siblings.Contains(q.Name)).Select(q => q.Spec));
        if (buildMissing.Count + hostMissing.Count == 0) return;
        var channels = new ChannelEnvironment(r.Channels, r.PlatformSubdir, r.CacheDir, log);
        await channels.InstallAsync(buildMissing, satisfier.SolverExternals, layout.BuildPrefix, r.Rendered.TemplatePath, ct);
        await channels.InstallAsync(hostMissing, satisfier.SolverExternals, layout.HostPrefix, r.Rendered.TemplatePath, ct);
    }
}
