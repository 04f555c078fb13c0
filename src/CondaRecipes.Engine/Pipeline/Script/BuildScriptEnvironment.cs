using System.Security.Cryptography;
using System.Text;
using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Pipeline.Script;

/// <summary>
/// Builds the environment a recipe's build script runs in (docs/build-environment.md): the layers of
/// <see cref="EnvironmentLayers"/> (the started environment, the site's variables, the variant's,
/// script_env), and conda-build's contract on top, so a recipe cannot accidentally override PREFIX.
/// </summary>
public static class BuildScriptEnvironment
{
    public static Dictionary<string, string> Create(BuildScriptContext c, IReadOnlyDictionary<string, string> baseEnvironment)
    {
        var env = EnvironmentLayers.Merge(baseEnvironment, c.SiteEnvironment, c.VariantVariables, c.ScriptEnv);

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
        env["PKG_HASH"] = "h" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(c.BuildString)))[..7];
        env["SUBDIR"] = c.Subdir;
        env["target_platform"] = c.Subdir;
        env["ARCH"] = c.Subdir.EndsWith("-64", StringComparison.Ordinal) ? "64" : c.Subdir.Split('-').Last();
        env["CPU_COUNT"] = c.CpuCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["SHLIB_EXT"] = ".so";
        env["HOME"] = baseEnvironment.TryGetValue("HOME", out var home) ? home : "/tmp";
        env["LANG"] = baseEnvironment.TryGetValue("LANG", out var lang) ? lang : "C.UTF-8";
        env["PKG_CONFIG_PATH"] = $"{c.Prefix}/lib/pkgconfig";
        env["CMAKE_GENERATOR"] = "Unix Makefiles";
        env["LD_RUN_PATH"] = $"{c.Prefix}/lib";
        env["PYTHONNOUSERSITE"] = "1";
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
            // The Makefile's name for the variant's Python.
            env["ENV_PYTHON_VERSION"] = py;
        }
        return env;
    }
}
