using System.Text.Json;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// Runs a recipe.yaml output's tests in their order, each in its own environment, as rattler-build does:
/// <c>package_contents</c> against the package's file list, <c>python</c>, <c>script</c> and
/// <c>downstream</c> in fresh prefixes. The first failing test moves the package to the channel's
/// broken/ folder and stops the build with its code and recipe line.
/// </summary>
public static class V1TestRunner
{
    public static async Task RunAsync(IReadOnlyList<V1Test> tests, V1TestContext c)
    {
        if (tests.Count == 0) return;
        c.Log.Info($"testing {Path.GetFileName(c.Archive)} ({tests.Count} test(s)); log: {c.TestLog}");
        for (int i = 0; i < tests.Count; i++)
        {
            c.Cancellation.ThrowIfCancellationRequested();
            switch (tests[i])
            {
                case V1PackageContentsTest t: CheckContents(t, c); break;
                case V1PythonTest t: await PythonTestRunner.RunAsync(t, i, c); break;
                case V1ScriptTest t: await ScriptTestRunner.RunAsync(t, i, c); break;
                case V1DownstreamTest t: await DownstreamTestRunner.RunAsync(t, i, c); break;
                default: throw new InvalidOperationException($"test kind {tests[i].Kind} has no runner");
            }
        }
    }

    private static void CheckContents(V1PackageContentsTest test, V1TestContext c)
    {
        var issues = PackageContentsCheck.Run(test, PackagePaths(c.Extracted), IsNoarchPython(c.Extracted));
        File.AppendAllLines(c.TestLog, issues.Count == 0 ? [$"package_contents test at line {test.Line}: passed"]
            : issues.Select(i => $"package_contents test at line {test.Line}: {i}"));
        if (issues.Count > 0)
            throw TestPrefix.Failed(c.Request, c.Archive, V1TestRunErrorCodes.PackageContentsFailed,
                $"The package_contents test of {Path.GetFileName(c.Archive)} failed:\n  {string.Join("\n  ", issues.Select(Shorten))}", c.RecipeFile, test.Line,
                $"Fix the build so the package holds these files, or the test's globs; every file is listed in {c.TestLog}.");
        c.Log.Info($"package_contents test passed ({Path.GetFileName(c.Archive)})");
    }

    /// <summary>One issue as the error shows it; the test log has it whole (strict can list thousands of files).</summary>
    private static string Shorten(string issue) => issue.Length <= 1000 ? issue : issue[..1000] + " …";

    /// <summary>The package-relative paths info/paths.json lists.</summary>
    public static IReadOnlyList<string> PackagePaths(string extracted)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(extracted, "info", "paths.json")));
        return doc.RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetProperty("_path").GetString()!).ToList();
    }

    private static bool IsNoarchPython(string extracted)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(extracted, "info", "index.json")));
        return doc.RootElement.TryGetProperty("noarch", out var noarch) && noarch.ValueKind == JsonValueKind.String && noarch.GetString() == "python";
    }
}
