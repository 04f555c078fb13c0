using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Script;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Runs build.sh (or build/script) with conda-build's environment contract, logging every line. A recipe
/// with neither has no build step, as in conda-build: a metapackage, or a source that is fetched but
/// installs nothing.
/// </summary>
public static class ScriptStage
{
    /// <summary>True when the recipe has a build.sh beside it or a build/script entry.</summary>
    public static bool HasScript(VariantBuildRequest r) =>
        r.Rendered.Recipe.Build.Script.Count > 0 || File.Exists(Path.Combine(r.RecipeDir, "build.sh"));

    public static async Task RunAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python, IBuildLog log,
        CancellationToken ct)
    {
        var recipe = r.Rendered.Recipe;
        var buildSh = Path.Combine(r.RecipeDir, "build.sh");
        var lines = recipe.Build.Script;
        if (!HasScript(r))
        {
            log.Info("no build.sh and no build/script: nothing to build");
            return;
        }

        var context = new BuildScriptContext
        {
            Prefix = layout.HostPrefix, BuildPrefix = layout.BuildPrefix, SrcDir = layout.SrcDir, RecipeDir = r.RecipeDir,
            PackageName = recipe.Package.Name, PackageVersion = recipe.Package.Version, BuildNumber = recipe.Build.Number,
            BuildString = r.Rendered.BuildString, Subdir = r.Rendered.Subdir,
            Python = python is null ? null : Path.Combine(layout.HostPrefix, "bin", "python"),
            PythonVersion = python?.MajorMinor,
            VariantVariables = r.VariantVariables, SiteEnvironment = r.SiteEnvironment, ScriptEnv = recipe.Build.ScriptEnv,
        };
        var env = BuildScriptEnvironment.Create(context, r.BaseEnvironment);
        var script = BuildScriptWriter.Write(Path.Combine(layout.Root, "conda_build.sh"),
            File.Exists(buildSh) ? buildSh : null, lines.Count > 0 ? lines : null, r.Modules);
        log.Info($"running {(lines.Count > 0 ? "build/script" : "build.sh")}; log: {layout.LogPath}");
        await BuildScriptRunner.RunAsync(script, layout.SrcDir, env, layout.LogPath, log.Detail,
            $"The build script of {recipe.Package.Name} ({r.VariantId})", ct);
    }
}
