using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Script;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// <c>build.script</c> as rattler-build reads it: a string (a file name such as <c>build_lib.sh</c> when it is one
/// word ending in a script extension, else commands), a list of commands, or a mapping with <c>content</c> or
/// <c>file</c>, <c>env</c>, <c>secrets</c> and <c>interpreter</c>. A file runs from the recipe folder with bash
/// (<c>.sh</c>) or the variant's Python (<c>.py</c>); env entries become <c>NAME=value</c> script_env entries and
/// secrets are passed through by name.
/// </summary>
internal sealed record V1Script(IReadOnlyList<string> Lines, IReadOnlyList<string> Env)
{
    public static readonly V1Script None = new([], []);

    private static readonly string[] Extensions = [".sh", ".bash", ".py"];

    public static V1Script Read(V1Mapping build, string recipeDir)
    {
        if (build.Entry("script") is not { } entry) return None;
        switch (entry.Value)
        {
            case V1Scalar { Value: { } text }:
                return IsFileName(text) ? new V1Script([FileCommand(text.Trim(), null, recipeDir, entry)], []) : new V1Script([text], []);
            case V1Scalar:
                return None;
            case V1Sequence:
                return new V1Script(V1Fields.List(build, "script"), []);
            case V1Mapping m:
            {
                V1Fields.CheckKeys(m, "build.script", ["content", "file", "env", "secrets", "interpreter", "cwd"]);
                if (m.Entry("cwd") is not null)
                    throw V1Fields.NotSupported(m, "cwd", "changes the script's folder", "Start the script with 'cd …' instead.");
                string? interpreter = V1Fields.String(m, "interpreter");
                if (interpreter is not null and not "bash" and not "python")
                    throw V1Fields.NotSupported(m, "interpreter", $"asks for '{interpreter}'", "Use bash (the default) or python.");
                var env = new List<string>();
                if (V1Fields.Mapping(m, "env") is { } vars)
                    foreach (var e in vars.Entries)
                        env.Add($"{e.Key}={(e.Value as V1Scalar)?.Value ?? throw V1Fields.Invalid(e, $"env '{e.Key}' must be a single value.", "Give one value.")}");
                env.AddRange(V1Fields.List(m, "secrets"));
                if (V1Fields.String(m, "file") is { } file)
                    return new V1Script([FileCommand(file, interpreter, recipeDir, m.Entry("file")!)], env);
                var content = V1Fields.List(m, "content");
                if (interpreter == "python" && content.Count > 0)
                    throw V1Fields.NotSupported(m, "interpreter", "runs inline content with python", "Put the Python code in a file and name it with file:.");
                return new V1Script(content, env);
            }
            default:
                throw V1Fields.Invalid(entry, "build.script must be a string, a list of commands or a mapping.", "Write the commands, or file: <name>.");
        }
    }

    private static bool IsFileName(string text)
    {
        string t = text.Trim();
        return !t.Contains('\n') && !t.Contains(' ') && Extensions.Any(e => t.EndsWith(e, StringComparison.Ordinal));
    }

    /// <summary>The command that runs a script file of the recipe folder (rattler-build adds <c>.sh</c> to a name without extension).</summary>
    private static string FileCommand(string name, string? interpreter, string recipeDir, V1Entry entry)
    {
        string path = Path.Combine(recipeDir, name);
        if (!File.Exists(path) && Path.GetExtension(name).Length == 0 && File.Exists(path + ".sh")) path += ".sh";
        if (!File.Exists(path))
            throw new CondaRecipesException(V1ErrorCodes.ScriptFileMissing, $"The build script '{name}' is not in the recipe folder.",
                entry.Value.File, entry.Line, "Put the script next to recipe.yaml or fix its name.");
        bool python = interpreter == "python" || (interpreter is null && path.EndsWith(".py", StringComparison.Ordinal));
        // Through $RECIPE_DIR, so that the command (and the inputs hash) does not depend on where the recipe lies.
        return $"{(python ? "\"$PYTHON\"" : "bash -e")} \"$RECIPE_DIR\"/{BuildScriptWriter.ShellQuote(Path.GetRelativePath(recipeDir, path))}";
    }
}
