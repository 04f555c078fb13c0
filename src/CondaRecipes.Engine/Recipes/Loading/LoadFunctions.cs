using System.Text.RegularExpressions;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.Loading;

/// <summary>
/// conda-build's <c>load_file_regex</c>, <c>load_file_data</c>, <c>load_str_data</c> and
/// <c>load_setup_py_data</c> (with its old name <c>load_setuptools</c>). A relative file is read from the
/// fetched source (<see cref="RenderContext.SourceDir"/>), or from the recipe directory with
/// <c>from_recipe_dir=True</c>. Before the source is fetched — the first render — a file of the source
/// reads as missing and the functions return a value that, like conda-build's first-pass undefined, never
/// fails and prints empty; the render is marked as needing the source, so the build renders again once it
/// is there.
/// </summary>
internal sealed class LoadFunctions(RenderContext context, string recipeDir)
{
    /// <summary>True once a function looked for a file in a source that is not fetched yet.</summary>
    public bool NeededSource { get; private set; }

    public void AddTo(Dictionary<string, object?> globals)
    {
        globals["load_file_regex"] = new JinjaFunction("load_file_regex", LoadFileRegex);
        globals["load_file_data"] = new JinjaFunction("load_file_data", LoadFileData);
        globals["load_str_data"] = new JinjaFunction("load_str_data", LoadStrData);
        var setupPy = new JinjaFunction("load_setup_py_data", LoadSetupPyData);
        globals["load_setup_py_data"] = setupPy;
        globals["load_setuptools"] = setupPy;
    }

    private object? LoadFileRegex(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        string file = Argument(args, kwargs, 0, "load_file", "load_file_regex", line);
        string pattern = Argument(args, kwargs, 1, "regex_pattern", "load_file_regex", line);
        var path = Find(file, FromRecipeDir(kwargs, line), kwargs, line);
        if (path is null) return JinjaSourcePending.Instance;
        Regex regex;
        try
        {
            regex = new Regex(PythonPattern(pattern));
        }
        catch (ArgumentException e)
        {
            throw TemplateError.Evaluation($"load_file_regex: the pattern '{pattern}' is not a valid regular expression: {e.Message}", line);
        }
        var match = regex.Match(Read(path, "load_file_regex", line));
        return match.Success ? new RegexMatchValue(match) : JinjaNone.Literal;
    }

    private object? LoadFileData(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        string file = Argument(args, kwargs, 0, "filename", "load_file_data", line);
        string? format = args.Count > 1 ? JinjaMethods.RequireString(args[1], "load_file_data", line)
            : kwargs.TryGetValue("fmt", out var f) && f is string fs ? fs : null;
        var path = Find(file, FromRecipeDir(kwargs, line), kwargs, line);
        if (path is null) return JinjaSourcePending.Instance;
        return Parse(Read(path, "load_file_data", line), format ?? Path.GetExtension(file).TrimStart('.'), "load_file_data", line);
    }

    private static object? LoadStrData(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        string text = Argument(args, kwargs, 0, "string", "load_str_data", line);
        string format = Argument(args, kwargs, 1, "fmt", "load_str_data", line);
        return Parse(text, format, "load_str_data", line);
    }

    private object? LoadSetupPyData(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        string file = args.Count > 0 ? JinjaMethods.RequireString(args[0], "load_setup_py_data", line)
            : kwargs.TryGetValue("setup_file", out var s) && s is string ss ? ss : "setup.py";
        var path = Find(file, FromRecipeDir(kwargs, line), kwargs, line);
        if (path is null) return JinjaSourcePending.Instance;
        return SetupPyReader.Read(path, context.SetupPyPython, line);
    }

    /// <summary>The file's full path, or null when it is in a source not fetched yet.</summary>
    private string? Find(string file, bool fromRecipeDir, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        string? baseDir = fromRecipeDir
            ? kwargs.TryGetValue("recipe_dir", out var rd) && rd is string r ? r : recipeDir
            : context.SourceDir;
        if (Path.IsPathRooted(file)) return File.Exists(file) ? file : Missing();
        if (baseDir is null) return Missing();
        var path = Path.GetFullPath(Path.Combine(baseDir, file));
        return File.Exists(path) ? path : Missing();

        string? Missing()
        {
            // Before the source is fetched conda-build returns empty values (the next render sees the file);
            // once it is there, a missing file is an error.
            if (context.SourceDir is not null)
                throw new TemplateError(RecipeErrorCodes.LoadFailed,
                    $"The file '{file}' does not exist in the {(fromRecipeDir ? "recipe directory" : "source")} ({baseDir}).", line,
                    fromRecipeDir ? "Fix the file name; with from_recipe_dir=True it is relative to the recipe directory."
                        : "Fix the file name (relative to the source's top folder), or pass from_recipe_dir=True for a file of the recipe.");
            if (!fromRecipeDir) NeededSource = true;
            return null;
        }
    }

    private static bool FromRecipeDir(IReadOnlyDictionary<string, object?> kwargs, int line) =>
        kwargs.TryGetValue("from_recipe_dir", out var v) && JinjaValues.IsTruthy(v, line);

    private static string Argument(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int index,
        string name, string function, int line)
    {
        object? value = args.Count > index ? args[index] : kwargs.GetValueOrDefault(name);
        if (value is null) throw TemplateError.Evaluation($"{function}() needs '{name}'.", line);
        return JinjaMethods.RequireString(value, function, line);
    }

    private static string Read(string path, string function, int line)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new TemplateError(RecipeErrorCodes.LoadFailed, $"{function}: cannot read '{path}': {e.Message}", line);
        }
    }

    private static object? Parse(string text, string format, string function, int line)
    {
        try
        {
            return format.ToLowerInvariant() switch
            {
                "json" => DataValues.FromJson(text),
                "yaml" or "yml" => DataValues.FromYaml(text),
                "toml" => throw new TemplateError(RecipeErrorCodes.LoadFormatUnsupported,
                    $"{function}: TOML is not supported by this renderer.", line,
                    "Read the value with load_file_regex instead (e.g. load_file_regex(load_file='pyproject.toml', regex_pattern='version = \"(.+)\"')), or set it in the recipe."),
                _ => throw new TemplateError(RecipeErrorCodes.LoadFormatUnsupported,
                    $"{function}: the format '{format}' is not supported (json, yaml).", line,
                    "Name the format as the second argument, e.g. load_file_data('deps', 'json')."),
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or YamlDotNet.Core.YamlException)
        {
            throw new TemplateError(RecipeErrorCodes.LoadFailed, $"{function}: the {format} text cannot be parsed: {e.Message}", line);
        }
    }

    // Python's named groups and back-references in .NET's spelling.
    private static string PythonPattern(string pattern) =>
        Regex.Replace(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), @"\(\?P=(\w+)\)", @"\k<$1>");
}
