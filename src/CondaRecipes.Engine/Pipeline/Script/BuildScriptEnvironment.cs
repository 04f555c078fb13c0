using System.Text;
using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Pipeline.Script;

/// <summary>
/// Builds the environment a recipe's build script runs in (docs/build-environment.md): the layers of
/// <see cref="EnvironmentLayers"/> (the started environment, the site's variables, the variant's,
/// script_env), and conda-build's contract on top, so a recipe cannot accidentally override PREFIX. PATH starts
/// with the build prefix's and the host prefix's <c>bin</c> (where the variant's python and pip are), as
/// conda-build's stacked activation does; pip is set up as conda-build sets it (no index, no dependencies, no
/// build isolation) and may write only into the prefix, the work folder and the pip cache beside them.
/// </summary>
public static class BuildScriptEnvironment
{
    public static Dictionary<string, string> Create(BuildScriptContext c, IReadOnlyDictionary<string, string> baseEnvironment)
    {
        // The caller's pip settings (PIP_TARGET, PIP_USER, PIP_INDEX_URL…) never reach a build: pip is configured below.
        var started = baseEnvironment.Where(kv => !kv.Key.StartsWith("PIP_", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var env = EnvironmentLayers.Merge(started, c.SiteEnvironment, c.VariantVariables, c.ScriptEnv);
        // Names the site or the recipe set: compiler activation never replaces them.
        var setByRecipe = new HashSet<string>(c.SiteEnvironment.Keys, StringComparer.Ordinal);
        setByRecipe.UnionWith(c.ScriptEnv.Select(entry => entry.IndexOf('=') is var eq && eq > 0 ? entry[..eq] : entry));

        // Compiler activation: programs replace the caller's (as conda's activation does) but never what the
        // site or the recipe set; flags already set anywhere are kept (the activation scripts' ${CFLAGS:-…}).
        var searchPath = baseEnvironment.TryGetValue("PATH", out var callerPath) ? callerPath : "/usr/bin:/bin";
        var activation = CompilerActivation.Variables(c.Compilers, c,
            tool => Environments.CompilerTools.FindOnPath(tool, searchPath), out var programs);
        foreach (var (k, v) in activation)
            if (programs.Contains(k) ? !setByRecipe.Contains(k) : !env.ContainsKey(k))
                env[k] = v;

        env["CONDA_BUILD"] = "1";
        env["CONDA_BUILD_STATE"] = "BUILD";
        env["PREFIX"] = c.Prefix;
        env["BUILD_PREFIX"] = c.BuildPrefix;
        env["SRC_DIR"] = c.SrcDir;
        env["RECIPE_DIR"] = c.RecipeDir;
        env["PKG_NAME"] = c.PackageName;
        env["PKG_VERSION"] = c.PackageVersion;
        env["PKG_BUILDNUM"] = c.BuildNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["PKG_BUILD_STRING"] = c.BuildString;
        // conda-build's environ: meta.hash_dependencies(), the hash with its 'h' (the Jinja PKG_HASH has none).
        env["PKG_HASH"] = c.PkgHash;
        foreach (var (key, value) in c.SourceVariables) env[key] = value;
        env["SUBDIR"] = c.Subdir;
        env["target_platform"] = c.Subdir;
        // rattler-build's names for the same (the engine builds natively, never cross-compiles): the platform
        // the build runs on, the one host dependencies are for (the build platform for a noarch package).
        env["build_platform"] = c.BuildPlatform ?? c.Subdir;
        env["host_platform"] = c.Subdir == "noarch" ? c.BuildPlatform ?? c.Subdir : c.Subdir;
        env["CONDA_BUILD_CROSS_COMPILATION"] = "0";
        env["BUILD_DIR"] = Path.GetDirectoryName(c.SrcDir) ?? c.SrcDir;
        env["ARCH"] = c.Subdir.EndsWith("-64", StringComparison.Ordinal) ? "64" : c.Subdir.Split('-').Last();
        env["CPU_COUNT"] = c.CpuCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["SHLIB_EXT"] = ".so";
        env["HOME"] = baseEnvironment.TryGetValue("HOME", out var home) ? home : "/tmp";
        env["LANG"] = baseEnvironment.TryGetValue("LANG", out var lang) ? lang : "C.UTF-8";
        env["PKG_CONFIG_PATH"] = $"{c.Prefix}/lib/pkgconfig";
        env["CMAKE_GENERATOR"] = "Unix Makefiles";
        env["LD_RUN_PATH"] = $"{c.Prefix}/lib";
        // Isolation: nothing the script runs may install outside the work folder and the prefixes. The user
        // site (~/.local) is neither read nor written: a `pip install --user` lands in the work folder.
        env["PYTHONNOUSERSITE"] = "1";
        env["PYTHONUSERBASE"] = $"{c.BuildPrefix}/../python_user_base";
        env["PIP_CONFIG_FILE"] = "/dev/null"; // no user or site pip.conf (target=, user=, index-url=)
        env["PATH"] = $"{c.BuildPrefix}/bin:{c.Prefix}/bin:{(baseEnvironment.TryGetValue("PATH", out var path) ? path : "/usr/bin:/bin")}";

        if (c.PythonVersion is { } py)
        {
            var pyNoDot = py.Replace(".", "", StringComparison.Ordinal);
            env["PYTHON"] = c.Python ?? $"{c.Prefix}/bin/python";
            env["PY_VER"] = py;
            env["CONDA_PY"] = pyNoDot;
            env["PY3K"] = py.StartsWith("3", StringComparison.Ordinal) ? "1" : "0";
            env["STDLIB_DIR"] = $"{c.Prefix}/lib/python{py}";
            env["SP_DIR"] = $"{c.Prefix}/lib/python{py}/site-packages";
            // pip as conda-build configures it: install exactly this package, offline, into PREFIX.
            env["PIP_NO_BUILD_ISOLATION"] = "False";
            env["PIP_NO_DEPENDENCIES"] = "True";
            env["PIP_IGNORE_INSTALLED"] = "True";
            env["PIP_NO_INDEX"] = "True";
            env["PIP_CACHE_DIR"] = $"{c.BuildPrefix}/../pip_cache";
            env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
            // The host prefix is a venv of the variant's Python: a pip of any other interpreter (pyenv's shim,
            // /usr/bin/pip, an absolute path) refuses to install instead of changing that interpreter.
            env["PIP_REQUIRE_VIRTUALENV"] = "1";
            // The Makefile's name for the variant's Python.
            env["ENV_PYTHON_VERSION"] = py;
        }
        return env;
    }
}
