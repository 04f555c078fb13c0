using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>The variant's interpreter (null without a Python axis) and what build and host were resolved to.</summary>
public sealed record PreparedEnvironments(PythonInterpreter? Python, ResolvedEnvironments Resolved);

/// <summary>
/// Satisfies the build and host requirements from the host and the channels and lays out the prefixes. The
/// build environment is resolved first: with a host section, its strong run_exports join the host
/// requirements (conda-build's rule), so the host environment has them when it is resolved.
/// </summary>
public static class EnvironmentStage
{
    public static async Task<PreparedEnvironments> RunAsync(VariantBuildRequest r, WorkLayout layout, IBuildLog log, CancellationToken ct)
    {
        var path = r.BaseEnvironment.GetValueOrDefault("PATH", "/usr/bin:/bin");
        PythonInterpreter? python = null;
        if (r.PythonVersion is { } py)
        {
            python = new PythonLocator(r.DeclaredPythons, r.BaseEnvironment.GetValueOrDefault("PYENV_ROOT"),
                r.BaseEnvironment.GetValueOrDefault("HOME"), path).Find(py);
            log.Info($"Python {python.Version} from {python.Executable} ({python.Origin})");
        }

        var recipe = r.Rendered.Recipe;
        var requirements = recipe.Requirements;
        RejectPendingPins(requirements.Build.Concat(requirements.Host), r.Rendered.TemplatePath);
        var satisfier = new RequirementSatisfier(r.Externals, python, path, r.WheelDirs);
        var channels = new ChannelEnvironment(r.Channels, r.PlatformSubdir, r.CacheDir, log);
        Directory.CreateDirectory(layout.BuildPrefix);

        var (buildOk, buildMissing) = satisfier.Partition(requirements.Build.Select(q => q.Spec));
        // What the host does not provide comes from the channels, the local output channel first.
        var buildInstalled = await Install(channels, buildMissing, satisfier, layout.BuildPrefix, r, ct, python);
        var build = ResolvedEnvironments.Merge(buildOk.Select(OnHost), buildInstalled);

        var hostSpecs = requirements.Host.Select(q => q.Spec).ToList();
        if (requirements.HasHostSection || requirements.Host.Count > 0)
            hostSpecs.AddRange(UpstreamExports.Collect(build, requirements.Build, recipe.Build).Strong);
        var (hostOk, hostMissing) = satisfier.Partition(hostSpecs);
        foreach (var s in buildOk.Concat(hostOk))
            log.Detail($"requirement '{s.Spec}': {s.External}");

        await HostPrefixBuilder.CreateAsync(layout.HostPrefix, layout.BuildPrefix, python,
            buildOk.Concat(hostOk).Where(s => s.WheelToInstall is not null).Select(s => s.WheelToInstall!).Distinct(), log.Info, ct);
        var hostInstalled = await Install(channels, hostMissing, satisfier, layout.HostPrefix, r, ct, python);
        var host = ResolvedEnvironments.Merge(hostOk.Select(OnHost), hostInstalled);
        return new PreparedEnvironments(python, new ResolvedEnvironments { Build = build, Host = host });
    }

    private static async Task<IReadOnlyList<ResolvedPackage>> Install(ChannelEnvironment channels, IReadOnlyList<string> specs,
        RequirementSatisfier satisfier, string prefix, VariantBuildRequest r, CancellationToken ct, PythonInterpreter? python = null)
    {
        try
        {
            return await channels.InstallAsync(specs, satisfier.SolverExternals, prefix, r.Rendered.TemplatePath, ct);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.RequirementNotSatisfied && python is not null
            && specs.Select(NameOf).Where(satisfier.Rejected.ContainsKey).ToList() is { Count: > 0 } tools)
        {
            throw new CondaRecipesException(BuildErrorCodes.BuildToolIncompatible,
                $"No {string.Join(", ", tools)} that works with Python {python.Version} ({python.Executable}) was found; rejected:\n  " +
                string.Join("\n  ", tools.SelectMany(t => satisfier.Rejected[t])) + $"\n{e.Message}",
                r.Rendered.TemplatePath,
                hint: $"Put a wheel that supports Python {python.MajorMinor} in a CondaWheelDirectory (e.g. `pip download --no-deps --dest DIR setuptools`), or add a channel that provides it (CondaChannel).");
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.RequirementNotSatisfied)
        {
            var architecture = CoreDependencyTree.ArchitectureOf(r.PlatformSubdir);
            var cdts = specs.Where(s => CoreDependencyTree.IsCdt(s.Split(' ')[0], r.VariantVariables, architecture)).ToList();
            if (cdts.Count == 0) throw;
            var requirements = r.Rendered.Recipe.Requirements;
            var line = requirements.Build.Concat(requirements.Host).FirstOrDefault(q => q.Spec == cdts[0])?.Line ?? 0;
            throw new CondaRecipesException(BuildErrorCodes.CdtNotInChannel,
                $"No channel provides the CDT package(s) {string.Join(", ", cdts.Select(c => $"'{c}'"))}; a cdt() requirement can only come from a channel.\n{e.Message}",
                r.Rendered.TemplatePath, line,
                hint: "Add a channel that carries the CDTs (conda-forge does), or, when the host's own system libraries are what the build needs, drop the cdt() requirement.",
                inner: e);
        }
    }

    private static ResolvedPackage OnHost(SatisfiedRequirement s) =>
        new(s.External.Name, s.External.Version, s.External.Build, s.External.Origin, new Packaging.RunExports(), OnHost: true);

    private static void RejectPendingPins(IEnumerable<RecipeRequirement> requirements, string recipeFile)
    {
        if (requirements.FirstOrDefault(q => q.PendingPin is not null) is { } pinned)
            throw new CondaRecipesException(BuildErrorCodes.PinCompatibleOutsideRun,
                $"pin_compatible('{pinned.PendingPin!.Name}') is used in build or host, where nothing has been resolved to pin to.",
                recipeFile, pinned.Line,
                hint: "Use pin_compatible in run or run_constrained; in build or host write the version range itself.");
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
        // Through the same install as the variant's own requirements: CDT and build-tool failures get their codes here too.
        var channels = new ChannelEnvironment(r.Channels, r.PlatformSubdir, r.CacheDir, log);
        await Install(channels, buildMissing, satisfier, layout.BuildPrefix, r, ct, python);
        await Install(channels, hostMissing, satisfier, layout.HostPrefix, r, ct, python);
    }

    private static string NameOf(string spec)
    {
        try { return MatchSpec.Parse(spec).Name; }
        catch (CondaRecipesException) { return spec; }
    }
}
