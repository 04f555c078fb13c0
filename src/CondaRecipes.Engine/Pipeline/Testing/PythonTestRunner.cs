using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Script;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// A <c>python</c> test: for the variant's Python, or for each <c>python_version</c>, a fresh prefix with
/// the package, its run requirements and (for <c>pip_check</c>) pip; then the imports, one
/// <c>import</c> statement each, and <c>python -m pip check</c>.
/// </summary>
public static class PythonTestRunner
{
    public static async Task RunAsync(V1PythonTest test, int index, V1TestContext c)
    {
        var r = c.Request;
        IReadOnlyList<PythonInterpreter?> pythons = test.PythonVersions.Count == 0
            ? [c.Python]
            : test.PythonVersions.Select(v => (PythonInterpreter?)Locate(v, test, c)).ToList();
        foreach (var python in pythons)
        {
            var dir = c.TestFolder(index, python is null ? "python" : $"python{python.MajorMinor}");
            var prefix = Path.Combine(dir, "prefix");
            var requirements = c.Requirements.Depends.Concat(test.PipCheck ? ["pip"] : []);
            await TestPrefix.CreateAsync(r, c.Layout, python, c.Extracted, requirements, prefix, Path.Combine(dir, "build_env"), c.Log, c.Cancellation);
            File.WriteAllLines(Path.Combine(dir, "test_imports.py"), test.Imports.Select(i => $"import {i}"));
            var script = TestScripts.Write(Path.Combine(dir, "python_test.sh"),
                ["\"$PYTHON\" test_imports.py", test.PipCheck ? "\"$PYTHON\" -m pip check" : ""]);
            c.Log.Info($"python test {index} ({(python is null ? "no Python" : $"Python {python.Version}")}): {test.Imports.Count} import(s){(test.PipCheck ? ", pip check" : "")}");
            try
            {
                await BuildScriptRunner.RunAsync(script, dir, c.Environment(prefix, python), c.TestLog, c.Log.Detail,
                    $"The python test of {Path.GetFileName(c.Archive)}", c.Cancellation);
            }
            catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.BuildScriptFailed)
            {
                throw TestPrefix.Failed(r, c.Archive, V1TestRunErrorCodes.PythonTestFailed, e.Message, c.RecipeFile, test.Line,
                    $"See {c.TestLog}; an import failed or pip check found a missing or conflicting requirement (set 'pip_check: false' to skip it).");
            }
        }
    }

    /// <summary>An interpreter for a <c>python_version</c> entry: <c>X.Y</c>, <c>X.Y.*</c> or <c>X.Y.Z</c>.</summary>
    private static PythonInterpreter Locate(string version, V1PythonTest test, V1TestContext c)
    {
        var match = System.Text.RegularExpressions.Regex.Match(version.Trim(), @"^=?=?(\d+\.\d+)(\.\d+|\.\*)?$");
        if (!match.Success)
            throw new CondaRecipesException(V1TestRunErrorCodes.PythonVersionUnavailable,
                $"python_version '{version}' is not a Python version (X.Y, X.Y.* or X.Y.Z).", c.RecipeFile, test.Line,
                "Write each python_version entry as a version such as 3.11 or 3.11.*.");
        var r = c.Request;
        try
        {
            return new PythonLocator(r.DeclaredPythons, r.BaseEnvironment.GetValueOrDefault("PYENV_ROOT"),
                r.BaseEnvironment.GetValueOrDefault("HOME"), TestPrefix.BasePath(r)).Find(match.Groups[1].Value);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.PythonNotFound)
        {
            throw new CondaRecipesException(V1TestRunErrorCodes.PythonVersionUnavailable,
                $"The python test asks for Python {version}: {e.Message}", c.RecipeFile, test.Line, e.Hint);
        }
    }
}
