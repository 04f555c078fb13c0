using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Pipeline.Script;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Tests a built package as conda-build does before it may enter the channel: a fresh prefix with the
/// package installed from its archive (placeholders replaced), its run requirements satisfied, the
/// package's activate.d scripts sourced, then info/test/run_test.py with the variant's Python and
/// info/test/run_test.sh with bash, in a folder holding the test files.
/// </summary>
public static class TestStage
{
    /// <param name="archive">The output's archive, in the variant's archive channel (<see cref="WorkLayout.ArchiveDir"/>),
    /// which the test environment searches first so the recipe's other outputs come from this build.</param>
    /// <param name="requirements">The package's final run requirements (index.json's depends) and pinned test
    /// requirements, installed beside it.</param>
    public static async Task RunAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python, RenderedOutput output,
        string archive, IBuildLog log, CancellationToken ct,
        Dependencies.FinalRequirements requirements)
    {
        using var lease = new PackageCache(Path.Combine(r.CacheDir, "pkgs")).Use(archive);
        var extracted = lease.Directory;
        if (output.Output.V1Tests is { } v1Tests)
        {
            // A recipe.yaml output: its tests: list, each kind in its own environment.
            if (Directory.Exists(layout.TestDir)) Directory.Delete(layout.TestDir, recursive: true);
            var v1Log = Testing.TestPrefix.LogPath(layout, output);
            Directory.CreateDirectory(Path.GetDirectoryName(v1Log)!);
            File.WriteAllText(v1Log, "");
            await Testing.V1TestRunner.RunAsync(Recipes.V1.Tests.V1TestReader.Read(v1Tests),
                new Testing.V1TestContext(r, layout, python, output, archive, extracted, requirements, v1Tests.File, v1Log, log, ct));
            return;
        }
        var testFiles = Path.Combine(extracted, "info", "test");
        var hasPy = File.Exists(Path.Combine(testFiles, "run_test.py"));
        var hasSh = File.Exists(Path.Combine(testFiles, "run_test.sh"));
        if (!hasPy && !hasSh)
        {
            log.Info("no tests in the recipe");
            return;
        }

        var recipe = output.Recipe;
        var testLog = Testing.TestPrefix.LogPath(layout, output);
        var prefix = Path.Combine(layout.TestDir, "prefix");
        var workDir = Path.Combine(layout.TestDir, "files");
        if (Directory.Exists(layout.TestDir)) Directory.Delete(layout.TestDir, recursive: true);
        Directory.CreateDirectory(workDir);

        var installed = await Testing.TestPrefix.CreateAsync(r, layout, python, extracted,
            requirements.Depends.Concat(requirements.TestRequires), prefix, Path.Combine(layout.TestDir, "build_env"), log, ct);
        log.Detail($"test prefix: {installed.Count} files of {Path.GetFileName(archive)} installed into {prefix}");

        TreeCopier.Copy(testFiles, workDir);
        foreach (var source in recipe.Test.SourceFiles)
            if (Path.Exists(Path.Combine(layout.SrcDir, source)))
                TreeCopier.Copy(Path.Combine(layout.SrcDir, source), Path.Combine(workDir, source));

        var env = Testing.TestPrefix.Environment(r, layout, prefix, python);
        env["PKG_NAME"] = recipe.Package.Name;
        env["PKG_VERSION"] = recipe.Package.Version;
        env["PKG_BUILD_STRING"] = output.BuildString;
        var script = Path.Combine(layout.TestDir, "conda_test.sh");
        Testing.TestScripts.Write(script, [hasPy ? "\"$PYTHON\" run_test.py" : "", hasSh ? "bash -x -e run_test.sh" : ""]);
        File.WriteAllText(testLog, "");
        log.Info($"testing {Path.GetFileName(archive)}; log: {testLog}");
        try
        {
            await BuildScriptRunner.RunAsync(script, workDir, env, testLog, log.Detail,
                $"The tests of {Path.GetFileName(archive)}", ct);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.BuildScriptFailed)
        {
            throw Testing.TestPrefix.Failed(r, archive, BuildErrorCodes.TestFailed, e.Message, r.Rendered.TemplatePath,
                0, $"See {testLog}; fix the recipe or its test, or build with -p:CondaSkipTests=true.");
        }
    }
}
