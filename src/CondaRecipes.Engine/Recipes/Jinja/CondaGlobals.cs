using CondaRecipes.Recipes.Loading;
using CondaRecipes.Recipes.Pins;
using CondaRecipes.Recipes.Selectors;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// The globals conda-build gives a meta.yaml template: the selector names, the variant variables (as
/// strings, as given and lower-cased), <c>environ</c>/<c>os.environ</c>, <c>PY_VER</c>, <c>CONDA_PY</c>,
/// <c>PKG_NAME</c>/<c>PKG_VERSION</c>/<c>PKG_BUILDNUM</c>, <c>RECIPE_DIR</c>, and the functions
/// <c>compiler</c>, <c>stdlib</c>, <c>pin_compatible</c>, <c>pin_subpackage</c>, <c>cdt</c>,
/// <c>load_setup_py_data</c>, <c>load_file_data</c>, <c>load_file_regex</c>, <c>load_str_data</c>, and the
/// source's <c>GIT_*</c> variables (empty strings before the source is fetched, as conda-build's first pass
/// renders them).
/// </summary>
internal sealed class CondaGlobals
{
    private static readonly string[] PrefixVariables = ["PYTHON", "PREFIX", "BUILD_PREFIX", "SRC_DIR", "SP_DIR", "STDLIB_DIR"];

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <param name="package">PKG_NAME, PKG_VERSION, PKG_BUILDNUM; each null when not yet known (first pass).</param>
    /// <param name="pins">The outputs pin_subpackage pins against; null in the pass that learns them.</param>
    /// <param name="pkgHash">PKG_HASH: the 7 hex digits of the build-string hash, without its <c>h</c> (as
    /// conda-build documents it); conda-build's placeholder <c>1234567</c> until the hash is known.</param>
    public CondaGlobals(RenderContext context, SelectorNamespace ns, JinjaEnviron environ, string recipeDir,
        (string? Name, string? Version, string? BuildNumber) package, Outputs.SubpackagePins? pins = null, string? pkgHash = null)
    {
        foreach (var (key, value) in ns.Values) _values[key] = value;
        foreach (var (key, value) in context.Variables)
        {
            _values[key] = value;
            _values.TryAdd(key.ToLowerInvariant(), value);
        }
        var variant = VariantValues.WithDefaults(context.Variables, context.PythonVersion, context.Subdir);
        if (context.PythonVersion is { } py)
        {
            _values.TryAdd("python", py);
            _values["PY_VER"] = string.Join('.', py.Split(' ')[0].Split('.').Take(2));
            _values["CONDA_PY"] = string.Concat(py.Split(' ')[0].Split('.').Take(2));
            _values["PY3K"] = py.StartsWith("3.", StringComparison.Ordinal) ? "1" : "0";
        }
        else
        {
            const string hint = "This variant has no Python version; give one (e.g. a CondaPython item) or avoid PY_VER/CONDA_PY in a recipe without Python.";
            _values["PY_VER"] = new JinjaUndefined("PY_VER", hint);
            _values["CONDA_PY"] = new JinjaUndefined("CONDA_PY", hint);
        }
        _values["PKG_NAME"] = package.Name ?? "";
        _values["PKG_VERSION"] = package.Version ?? "";
        _values["PKG_BUILDNUM"] = package.BuildNumber ?? "0";
        _values["PKG_HASH"] = pkgHash ?? "1234567";
        _values["RECIPE_DIR"] = recipeDir;
        _values["CONDA_BUILD_STATE"] = "RENDER";
        // Paths conda-build knows only once the build's prefixes exist. They render as shell references,
        // which the build script's environment (and the test's) resolves: "{{ PYTHON }} -m pip install ."
        // becomes "$PYTHON -m pip install .".
        foreach (var name in PrefixVariables) _values[name] = "$" + name;
        _values["environ"] = environ;
        _values["os"] = new Dictionary<string, object?>
        {
            ["environ"] = environ,
            ["getenv"] = new JinjaFunction("os.getenv", (args, _, line) =>
            {
                JinjaMethods.RequireArgs(args, 1, 2, "os.getenv", line);
                string key = JinjaMethods.RequireString(args[0], "os.getenv", line);
                return environ.Variables.TryGetValue(key, out var v) ? v
                    : args.Count > 1 ? args[1] : new JinjaNone($"os.getenv('{key}')", key);
            }),
            ["sep"] = "/",
        };
        string subdir = variant.TryGetValue("target_platform", out var tp) ? tp : context.Subdir;
        AddFunction("compiler", (args, line) => CompilerPackage(FirstString(args, "compiler", line), "compiler", variant, subdir));
        AddFunction("stdlib", (args, line) => CompilerPackage(FirstString(args, "stdlib", line), "stdlib", variant, subdir));
        _values["pin_compatible"] = new JinjaFunction("pin_compatible", PinCompatibleCall.Render);
        _values["pin_subpackage"] = Outputs.SubpackagePins.Function(pins);
        AddFunction("cdt", (args, line) => CoreDependencyTree.PackageFor(FirstString(args, "cdt", line), variant, context.Architecture));
        Loads = new LoadFunctions(context, recipeDir);
        Loads.AddTo(_values);
        if (context.SourceDir is null)
            foreach (var name in SourceVariableNames) _values[name] = "";
        foreach (var (key, value) in context.SourceVariables) _values[key] = value;
        _values[TemplateImport.LoaderName] = new TemplateImport.Loader(recipeDir, ns, Lookup);
    }

    /// <summary>The variables a git source defines (conda-build's <c>get_git_info</c>).</summary>
    internal static readonly string[] SourceVariableNames =
        ["GIT_DESCRIBE_TAG", "GIT_DESCRIBE_TAG_PEP440", "GIT_DESCRIBE_NUMBER", "GIT_DESCRIBE_HASH", "GIT_FULL_HASH", "GIT_BUILD_STR"];

    /// <summary>The <c>load_*</c> functions of this render (they note when they needed a source not yet fetched).</summary>
    public LoadFunctions Loads { get; }

    /// <summary>The scope fallback: a global's value, or <see cref="JinjaUndefined"/>.</summary>
    public object? Lookup(string name) => _values.TryGetValue(name, out var v) ? v : new JinjaUndefined(name);

    private void AddFunction(string name, Func<IReadOnlyList<object?>, int, object?> body) =>
        _values[name] = new JinjaFunction(name, (args, _, line) => body(args, line));

    private static string FirstString(IReadOnlyList<object?> args, string function, int line)
    {
        if (args.Count == 0) throw TemplateError.Evaluation($"{function}() needs a name as its first argument.", line);
        return JinjaMethods.RequireString(args[0], function, line);
    }

    /// <summary>
    /// conda-build's <c>compiler(lang)</c> / <c>stdlib(lang)</c>: <c>{base}_{target_platform}</c>. The base is the
    /// variant's <c>{lang}_compiler</c> (or <c>{lang}_stdlib</c>), else the native compiler of the platform
    /// (linux: <c>gcc</c>, <c>gxx</c>, <c>gfortran</c>; osx: <c>clang</c>, <c>clangxx</c>, <c>gfortran</c>; any other language, e.g. <c>cuda</c>, its own name) or, for
    /// <c>stdlib</c>, the language itself (<c>c_linux-64</c>: conda-forge's configuration sets <c>c_stdlib: sysroot</c>).
    /// A <c>{lang}_{kind}_version</c> variable appends a version, made a series by <see cref="ValidSpec"/>
    /// (<c>gcc_linux-64 13.*</c>).
    /// </summary>
    internal static string CompilerPackage(string language, string kind, IReadOnlyDictionary<string, string> variant, string subdir)
    {
        string key = $"{language}_{kind}";
        bool osx = subdir.StartsWith("osx-", StringComparison.Ordinal);
        string native = kind == "stdlib" ? language : language switch
        {
            "c" => osx ? "clang" : "gcc",
            "cxx" => osx ? "clangxx" : "gxx",
            "fortran" => "gfortran",
            _ => language,
        };
        string package = $"{(variant.TryGetValue(key, out var b) ? b : native)}_{subdir}";
        if (variant.TryGetValue(key + "_version", out var version) && version.Length > 0)
            package = ValidSpec.Ensure($"{package} {version}");
        return package;
    }
}
