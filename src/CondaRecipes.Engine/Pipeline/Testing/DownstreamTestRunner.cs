using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// A <c>downstream</c> test: the downstream package is solved together with exactly this build (the
/// variant's new archives first, then the channels the build sees), installed into a fresh prefix, and
/// its own tests run there — a meta.yaml package's <c>info/test/run_test.*</c>, a recipe.yaml package's
/// <c>info/tests/tests.yaml</c> (its python and script tests; its own downstream tests are not followed,
/// as rattler-build does not). A downstream package that cannot be installed is an error, not a skip.
/// </summary>
public static class DownstreamTestRunner
{
    public static async Task RunAsync(V1DownstreamTest test, int index, V1TestContext c)
    {
        var r = c.Request;
        var dir = c.TestFolder(index, "downstream");
        var prefix = Path.Combine(dir, "prefix");
        var satisfier = new RequirementSatisfier(r.Externals, c.Python, TestPrefix.BasePath(r), r.WheelDirs);
        await HostPrefixBuilder.CreateAsync(prefix, Path.Combine(dir, "build_env"), c.Python, [], c.Log.Detail, c.Cancellation);
        IReadOnlyList<Dependencies.ResolvedPackage> installed;
        try
        {
            installed = await new ChannelEnvironment([c.Layout.ArchiveDir, .. r.Channels], r.PlatformSubdir, r.CacheDir, c.Log)
                .InstallAsync([test.Spec, c.ExactSpec], satisfier.SolverExternals, prefix, c.RecipeFile, c.Cancellation);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.RequirementNotSatisfied)
        {
            throw new CondaRecipesException(V1TestRunErrorCodes.DownstreamUnavailable,
                $"The downstream test cannot install '{test.Spec}' with {Path.GetFileName(c.Archive)}: {e.Message}", c.RecipeFile, test.Line,
                "Build the downstream package into a channel the build sees (CondaChannel, or the local channel) before this one's tests, or drop the test.");
        }
        var name = test.Spec.Split([' ', '=', '<', '>', '!', '~'], 2)[0];
        var package = installed.FirstOrDefault(p => p.Name == name && !p.OnHost) ?? throw new CondaRecipesException(
            V1TestRunErrorCodes.DownstreamUnavailable, $"The downstream test's '{test.Spec}' is satisfied by no channel package.",
            c.RecipeFile, test.Line, "Name a package of a channel the build sees.");
        var extracted = FindExtracted(r, package);

        var lines = new List<string>();
        var legacy = Path.Combine(extracted, "info", "test");
        if (File.Exists(Path.Combine(legacy, "run_test.py"))) lines.Add($"\"$PYTHON\" {TestScripts.Quote(Path.Combine(legacy, "run_test.py"))}");
        if (File.Exists(Path.Combine(legacy, "run_test.sh"))) lines.Add($"bash -x -e {TestScripts.Quote(Path.Combine(legacy, "run_test.sh"))}");
        var v1 = Path.Combine(extracted, "info", "tests", "tests.yaml");
        if (File.Exists(v1))
            foreach (var (line, skipped) in PackagedTestLines(v1, dir))
                if (line is not null) lines.Add(line);
                else c.Log.Info($"downstream test {index}: {package.Name}'s {skipped} is not run here (run by its own build)");
        if (lines.Count == 0)
            throw new CondaRecipesException(V1TestRunErrorCodes.DownstreamUnavailable,
                $"The downstream package {package.Name} {package.Version} {package.Build} carries no tests to run.", c.RecipeFile, test.Line,
                "Pick a downstream package built with tests.");
        var script = TestScripts.Write(Path.Combine(dir, "downstream_test.sh"), lines);
        c.Log.Info($"downstream test {index}: {package.Name} {package.Version} {package.Build} with {Path.GetFileName(c.Archive)}");
        try
        {
            await Script.BuildScriptRunner.RunAsync(script, Directory.Exists(legacy) ? legacy : dir, c.Environment(prefix, c.Python),
                c.TestLog, c.Log.Detail, $"The downstream test ({package.Name}) of {Path.GetFileName(c.Archive)}", c.Cancellation);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.BuildScriptFailed)
        {
            throw TestPrefix.Failed(r, c.Archive, V1TestRunErrorCodes.DownstreamTestFailed, e.Message, c.RecipeFile, test.Line,
                $"See {c.TestLog}: {package.Name}'s own tests fail with this build installed.");
        }
    }

    /// <summary>The lines that run a packaged tests.yaml's python imports and inline bash scripts in this prefix;
    /// for any other test (package_contents, pip check, a script file, a downstream test) a line saying it is not run.</summary>
    private static IEnumerable<(string? Line, string Skipped)> PackagedTestLines(string file, string dir)
    {
        var tests = Recipes.V1.Tests.PackagedTests.Read(file);
        int n = 0;
        foreach (var t in tests)
        {
            n++;
            switch (t)
            {
                case V1PythonTest p:
                    var imports = Path.Combine(dir, $"downstream_imports_{n}.py");
                    File.WriteAllLines(imports, p.Imports.Select(i => $"import {i}"));
                    yield return ($"\"$PYTHON\" {TestScripts.Quote(imports)}", "");
                    if (p.PipCheck) yield return (null, $"test {n} pip check");
                    break;
                case V1ScriptTest { Script: { File: null, Interpreter: null or "bash" } s }:
                    var body = Path.Combine(dir, $"downstream_commands_{n}.sh");
                    File.WriteAllText(body, string.Join("\n", s.Commands) + "\n");
                    yield return ($"bash -x -e -o pipefail {TestScripts.Quote(body)}", "");
                    break;
                default:
                    yield return (null, $"test {n} ({t.Kind})");
                    break;
            }
        }
    }

    /// <summary>The extracted folder of an installed channel package (the package cache holds it once installed).</summary>
    private static string FindExtracted(VariantBuildRequest r, Dependencies.ResolvedPackage package)
    {
        var cache = Path.Combine(r.CacheDir, "pkgs");
        return Directory.EnumerateDirectories(cache, $"{package.Name}-{package.Version}-{package.Build}-*")
            .Where(d => File.Exists(Path.Combine(d, "info", "index.json")))
            .OrderByDescending(Directory.GetLastWriteTimeUtc).First();
    }
}
