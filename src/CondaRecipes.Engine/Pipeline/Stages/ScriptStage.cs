using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Script;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

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
        r.Rendered.Recipe.Build.Script.Count > 0 || BuildScripts.PathIn(r.RecipeDir) is not null;

    /// <param name="resolved">The resolved environments: compilers satisfied by the host are activated (CC, CFLAGS, …).</param>
    public static async Task RunAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python, IBuildLog log,
        CancellationToken ct, ResolvedEnvironments? resolved = null)
    {
        var recipe = r.Rendered.Recipe;
        var lines = recipe.Build.Script;
        if (!HasScript(r))
        {
            // As conda-build: no build script, no build step (a metapackage, or outputs made by their own scripts).
            log.Info(r.Rendered.HasOutputsSection
                ? "no top-level build script; the outputs are made by their own scripts and files"
                : "no build.sh and no build/script: nothing to build");
            return;
        }

        var env = Environment(r, layout, python, recipe, r.Rendered.BuildString, r.Rendered.Hash, r.Rendered.Subdir, resolved);
        var script = BuildScriptWriter.Write(Path.Combine(layout.Root, "conda_build.sh"),
            BuildScripts.PathIn(r.RecipeDir), lines.Count > 0 ? lines : null, r.Modules);
        log.Info($"running {(lines.Count > 0 ? "build/script" : "build.sh")}; log: {layout.LogPath}");
        await BuildScriptRunner.RunAsync(script, layout.SrcDir, env, layout.LogPath, log.Detail,
            $"The build script of {recipe.Package.Name} ({r.VariantId})", ct);
    }

    /// <summary>
    /// Runs an output's own script (its <c>script</c> file, by extension <c>.sh</c> with bash and <c>.py</c> with
    /// the variant's Python, or its <c>build/script</c> lines) with the output's PKG_NAME/PKG_VERSION and the top
    /// level's as TOP_PKG_NAME/TOP_PKG_VERSION, as conda-build's bundle_conda does.
    /// </summary>
    public static async Task RunOutputAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python,
        RenderedOutput output, IBuildLog log, CancellationToken ct, ResolvedEnvironments? resolved = null)
    {
        var o = output.Output;
        var env = Environment(r, layout, python, o.Recipe, output.BuildString, output.Hash, output.Subdir, resolved);
        env["TOP_PKG_NAME"] = r.Rendered.Recipe.Package.Name;
        env["TOP_PKG_VERSION"] = r.Rendered.Recipe.Package.Version;
        IReadOnlyList<string> lines = o.ScriptLines;
        if (o.Script is { } file)
        {
            var path = Path.Combine(r.RecipeDir, file);
            if (!File.Exists(path))
                throw new CondaRecipesException(Recipes.Outputs.OutputErrorCodes.OutputScriptInvalid,
                    $"The script '{file}' of output '{o.Name}' does not exist in the recipe folder.", r.Rendered.TemplatePath, o.Line,
                    "Put the script next to meta.yaml or fix its name.");
            string interpreter = o.ScriptInterpreter ?? Path.GetExtension(file) switch
            {
                ".sh" => "bash -e",
                ".py" => "\"$PYTHON\"",
                var ext => throw new CondaRecipesException(Recipes.Outputs.OutputErrorCodes.OutputScriptInvalid,
                    $"The script '{file}' of output '{o.Name}' has the extension '{ext}', which says nothing about how to run it.",
                    r.Rendered.TemplatePath, o.Line, "Use a .sh or .py script, or set script_interpreter."),
            };
            lines = [$"{interpreter} {BuildScriptWriter.ShellQuote(path)}"];
        }
        var script = BuildScriptWriter.Write(Path.Combine(layout.Root, $"conda_output_{o.Name}.sh"), null, lines, r.Modules);
        log.Info($"{o.Name}: running {o.Script ?? "build/script"}; log: {layout.LogPath}");
        await BuildScriptRunner.RunAsync(script, layout.SrcDir, env, layout.LogPath, log.Detail,
            $"The script of output {o.Name} ({r.VariantId})", ct);
    }

    private static Dictionary<string, string> Environment(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python,
        Recipes.Recipe recipe, string buildString, string pkgHash, string subdir, ResolvedEnvironments? resolved)
    {
        var context = new BuildScriptContext
        {
            Prefix = layout.HostPrefix, BuildPrefix = layout.BuildPrefix, SrcDir = layout.SrcDir, RecipeDir = r.RecipeDir,
            PackageName = recipe.Package.Name, PackageVersion = recipe.Package.Version, BuildNumber = recipe.Build.Number,
            BuildString = buildString, PkgHash = pkgHash, Subdir = subdir, BuildPlatform = r.PlatformSubdir,
            Python = python is null ? null : Path.Combine(layout.HostPrefix, "bin", "python"),
            PythonVersion = python?.MajorMinor,
            VariantVariables = r.VariantVariables, SiteEnvironment = r.SiteEnvironment, ScriptEnv = recipe.Build.ScriptEnv,
            SourceVariables = r.SourceVariables,
            Compilers = HostCompilers(resolved, r.BaseEnvironment.GetValueOrDefault("PATH", "/usr/bin:/bin")),
        };
        return BuildScriptEnvironment.Create(context, r.BaseEnvironment);
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
