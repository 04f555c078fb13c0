using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;
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
        try
        {
            await channels.InstallAsync(buildMissing, satisfier.SolverExternals, layout.BuildPrefix, r.Rendered.TemplatePath, ct);
            await channels.InstallAsync(hostMissing, satisfier.SolverExternals, layout.HostPrefix, r.Rendered.TemplatePath, ct);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.RequirementNotSatisfied && python is not null
            && hostMissing.Concat(buildMissing).Select(NameOf).Where(satisfier.Rejected.ContainsKey).ToList() is { Count: > 0 } tools)
        {
            throw new CondaRecipesException(BuildErrorCodes.BuildToolIncompatible,
                $"No {string.Join(", ", tools)} that works with Python {python.Version} ({python.Executable}) was found; rejected:\n  " +
                string.Join("\n  ", tools.SelectMany(t => satisfier.Rejected[t])) + $"\n{e.Message}",
                r.Rendered.TemplatePath,
                hint: $"Put a wheel that supports Python {python.MajorMinor} in a CondaWheelDirectory (e.g. `pip download --no-deps --dest DIR setuptools`), or add a channel that provides it (CondaChannel).");
        }
        return python;
    }

    private static string NameOf(string spec)
    {
        try { return MatchSpec.Parse(spec).Name; }
        catch (CondaRecipesException) { return spec; }
    }
}
