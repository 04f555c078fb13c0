using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Script;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>Runs build.sh (or build/script) with conda-build's environment contract, logging every line.</summary>
public static class ScriptStage
{
    /// <param name="resolved">The resolved environments: compilers satisfied by the host are activated (CC, CFLAGS, …).</param>
    public static async Task RunAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python, IBuildLog log,
        CancellationToken ct, ResolvedEnvironments? resolved = null)
    {
        var recipe = r.Rendered.Recipe;
        var buildSh = Path.Combine(r.RecipeDir, "build.sh");
        var lines = recipe.Build.Script;
        if (lines.Count == 0 && !File.Exists(buildSh))
            throw new CondaRecipesException(BuildErrorCodes.NoBuildScript,
                $"The recipe has no build.sh and no build/script.", r.Rendered.TemplatePath,
                hint: "Add build.sh next to meta.yaml, or a build: script: entry.");

        var context = new BuildScriptContext
        {
            Prefix = layout.HostPrefix, BuildPrefix = layout.BuildPrefix, SrcDir = layout.SrcDir, RecipeDir = r.RecipeDir,
            PackageName = recipe.Package.Name, PackageVersion = recipe.Package.Version, BuildNumber = recipe.Build.Number,
            BuildString = r.Rendered.BuildString, Subdir = r.Rendered.Subdir,
            Python = python is null ? null : Path.Combine(layout.HostPrefix, "bin", "python"),
            PythonVersion = python?.MajorMinor,
            VariantVariables = r.VariantVariables, SiteEnvironment = r.SiteEnvironment, ScriptEnv = recipe.Build.ScriptEnv,
            Compilers = HostCompilers(resolved, r.BaseEnvironment.GetValueOrDefault("PATH", "/usr/bin:/bin")),
        };
        var env = BuildScriptEnvironment.Create(context, r.BaseEnvironment);
        var script = BuildScriptWriter.Write(Path.Combine(layout.Root, "conda_build.sh"),
            File.Exists(buildSh) ? buildSh : null, lines.Count > 0 ? lines : null, r.Modules);
        log.Info($"running {(lines.Count > 0 ? "build/script" : "build.sh")}; log: {layout.LogPath}");
        await BuildScriptRunner.RunAsync(script, layout.SrcDir, env, layout.LogPath, log.Detail,
            $"The build script of {recipe.Package.Name} ({r.VariantId})", ct);
    }

    /// <summary>The compilers of the build environment that the host provides, with the command that stands for each.</summary>
    private static IReadOnlyList<CompilerActivation.Compiler> HostCompilers(ResolvedEnvironments? resolved, string path) =>
        (resolved?.Build ?? []).Where(p => p.OnHost)
            .Select(p => CompilerTools.Find(p.Name))
            .Where(t => t?.Language is "c" or "cxx" or "fortran")
            .Select(t => new CompilerActivation.Compiler(t!.Language!, CompilerTools.FindOnPath(t.Command, path) ?? t.Command))
            .DistinctBy(c => c.Language)
            .ToList();
}
