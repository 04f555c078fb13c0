using CondaRecipes.Diagnostics;
using CondaRecipes.Files;
using CondaRecipes.Pipeline.Outputs;
using CondaRecipes.Pipeline.Script;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// A <c>script</c> test: a prefix with the package, its run requirements and <c>requirements.run</c>; the
/// <c>requirements.build</c> tools in a prefix of their own, after the test prefix on PATH; the
/// <c>files.recipe</c>/<c>files.source</c> copied into the test folder, which is the working directory; then
/// the commands (bash, or the <c>python</c> interpreter) or the script file.
/// </summary>
public static class ScriptTestRunner
{
    public static async Task RunAsync(V1ScriptTest test, int index, V1TestContext c)
    {
        var r = c.Request;
        var dir = c.TestFolder(index, "script");
        var work = Path.Combine(dir, "files");
        Directory.CreateDirectory(work);
        CopyFiles(test.RecipeFiles, r.RecipeDir, "files.recipe", work, test.Line, c);
        CopyFiles(test.SourceFiles, c.Layout.SrcDir, "files.source", work, test.Line, c);

        var prefix = Path.Combine(dir, "prefix");
        await TestPrefix.CreateAsync(r, c.Layout, c.Python, c.Extracted, c.Requirements.Depends.Concat(test.RunRequirements),
            prefix, Path.Combine(dir, "build_env"), c.Log, c.Cancellation);
        var env = c.Environment(prefix, c.Python);
        if (test.BuildRequirements.Count > 0)
        {
            var tools = Path.Combine(dir, "tools");
            await TestPrefix.CreateAsync(r, c.Layout, c.Python, null, test.BuildRequirements, tools, Path.Combine(dir, "tools_env"), c.Log, c.Cancellation);
            env["PATH"] = $"{prefix}/bin:{tools}/bin:{TestPrefix.BasePath(r)}";
            env["BUILD_PREFIX"] = tools;
        }
        foreach (var (k, v) in test.Script.Env) env[k] = v;

        var script = TestScripts.Write(Path.Combine(dir, "script_test.sh"), [Command(test, work, dir, c)]);
        c.Log.Info($"script test {index} of {Path.GetFileName(c.Archive)}");
        try
        {
            await BuildScriptRunner.RunAsync(script, work, env, c.TestLog, c.Log.Detail, $"The script test of {Path.GetFileName(c.Archive)}", c.Cancellation);
        }
        catch (CondaRecipesException e) when (e.Code == BuildErrorCodes.BuildScriptFailed)
        {
            throw TestPrefix.Failed(r, c.Archive, V1TestRunErrorCodes.ScriptTestFailed, e.Message, c.RecipeFile, test.Line, $"See {c.TestLog}.");
        }
    }

    /// <summary>The line of the wrapper that runs the test: a file of the test folder, or the commands written to one.</summary>
    private static string Command(V1ScriptTest test, string work, string dir, V1TestContext c)
    {
        var s = test.Script;
        string? file = s.File;
        if (file is null && s.CommandOrFile && FindFile(work, c.Request.RecipeDir, s.Commands[0]) is not null)
            file = s.Commands[0];
        if (file is not null)
        {
            var path = FindFile(work, c.Request.RecipeDir, file) ?? throw new CondaRecipesException(V1TestRunErrorCodes.TestFileMissing,
                $"The script test's file '{file}' is neither in the test folder nor in the recipe folder.", c.RecipeFile, test.Line,
                "Put the file in the recipe folder, or list it under 'files:' so it is copied into the test folder.");
            return Interpreter(s.Interpreter ?? InterpreterOf(path), test, c) + " " + TestScripts.Quote(path);
        }
        var interpreter = s.Interpreter ?? "bash";
        var body = Path.Combine(dir, interpreter == "python" ? "test_commands.py" : "test_commands.sh");
        File.WriteAllText(body, string.Join("\n", s.Commands) + "\n");
        return Interpreter(interpreter, test, c) + " " + TestScripts.Quote(body);
    }

    /// <summary>The interpreter a script file's extension names, as rattler-build decides it; bash for any other.</summary>
    private static string InterpreterOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".py" => "python",
        ".pl" => "perl",
        ".rb" => "ruby",
        ".js" => "nodejs",
        ".r" => "rscript",
        ".bat" or ".cmd" => "cmd",
        ".ps1" => "powershell",
        ".nu" => "nushell",
        _ => "bash",
    };

    private static string Interpreter(string name, V1ScriptTest test, V1TestContext c) => name switch
    {
        "bash" => "bash -x -e -o pipefail",
        "python" => "\"$PYTHON\"",
        _ => throw new CondaRecipesException(V1TestRunErrorCodes.UnsupportedInterpreter,
            $"The script test's interpreter '{name}' is not supported.", c.RecipeFile, test.Line,
            "Use 'bash' (the default) or 'python'."),
    };

    /// <summary>The file as named, or with a .sh or .py extension added, as rattler-build looks it up: in the
    /// test folder, else in the recipe folder (rattler-build packages a test's script file with the test).</summary>
    private static string? FindFile(string work, string recipeDir, string name) =>
        new[] { work, recipeDir }.SelectMany(dir => new[] { name, name + ".sh", name + ".py" }.Select(n => Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);

    private static void CopyFiles(IReadOnlyList<string> globs, string root, string field, string work, int line, V1TestContext c)
    {
        if (globs.Count == 0) return;
        var candidates = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToList()
            : [];
        foreach (var glob in globs)
        {
            // './' (or '.') names the whole folder.
            var pattern = glob.Trim() is "." or "./" ? "**" : glob.StartsWith("./", StringComparison.Ordinal) ? glob[2..] : glob;
            var selected = PrefixGlob.Select(candidates, [pattern]);
            if (selected.Count == 0)
                throw new CondaRecipesException(V1TestRunErrorCodes.TestFileMissing,
                    $"The script test's {field} entry '{glob}' matches no file of {root}.", c.RecipeFile, line,
                    $"Check the path; {field} globs are relative to {(field == "files.recipe" ? "the recipe folder" : "the source folder")}.");
            foreach (var rel in selected)
            {
                var target = Path.Combine(work, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                TreeCopier.CopyEntry(Path.Combine(root, rel), target);
            }
        }
    }
}
