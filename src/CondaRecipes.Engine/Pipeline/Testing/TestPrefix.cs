using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// A fresh test prefix as every test kind gets one: the interpreter's prefix (a venv of the variant's
/// Python), the requirements from host externals, wheels or the channels (the variant's own archives
/// first, so sibling outputs come from this build), and the package itself linked in from its archive
/// with its placeholders replaced. <see cref="Environment"/> gives the variables a test script runs with.
/// </summary>
public static class TestPrefix
{
    /// <param name="extractedPackage">The package to link in; null for an environment of requirements only.</param>
    /// <returns>The files of the package installed into <paramref name="prefix"/>.</returns>
    public static async Task<IReadOnlyList<string>> CreateAsync(VariantBuildRequest r, WorkLayout layout, PythonInterpreter? python,
        string? extractedPackage, IEnumerable<string> requirements, string prefix, string buildEnv, IBuildLog log, CancellationToken ct)
    {
        var path = BasePath(r);
        var satisfier = new RequirementSatisfier(r.Externals, python, path, r.WheelDirs);
        var (satisfied, missing) = satisfier.Partition(requirements);
        // Wheels chosen for the tests (pip among them) go into the test prefix, so its `pip` is its own.
        await HostPrefixBuilder.CreateAsync(prefix, buildEnv, python,
            satisfied.Where(s => s.WheelToInstall is not null).Select(s => s.WheelToInstall!).Distinct(), log.Detail, ct);
        await new ChannelEnvironment([layout.ArchiveDir, .. r.Channels], r.PlatformSubdir, r.CacheDir, log)
            .InstallAsync(missing, satisfier.SolverExternals, prefix, r.Rendered.TemplatePath, ct);
        return extractedPackage is null ? [] : PrefixLinker.Link(extractedPackage, prefix);
    }

    /// <summary>The test log of an output: the variant's, or for a listed output one named after it.</summary>
    public static string LogPath(WorkLayout layout, RenderedOutput output) =>
        output.Output.Kind == Recipes.OutputKind.Implicit ? layout.TestLogPath
            : layout.TestLogPath[..^".test.log".Length] + $".{output.Name}.test.log";

    public static string BasePath(VariantBuildRequest r) => r.BaseEnvironment.GetValueOrDefault("PATH", "/usr/bin:/bin");

    /// <summary>The variables of a test run in <paramref name="prefix"/>, as conda-build sets them.</summary>
    public static Dictionary<string, string> Environment(VariantBuildRequest r, WorkLayout layout, string prefix, PythonInterpreter? python)
    {
        var env = EnvironmentLayers.Merge(r.BaseEnvironment, r.SiteEnvironment, r.VariantVariables);
        env["PREFIX"] = prefix;
        env["CONDA_PREFIX"] = prefix;
        env["SRC_DIR"] = layout.SrcDir;
        env["RECIPE_DIR"] = r.RecipeDir;
        env["PKG_NAME"] = r.Rendered.Recipe.Package.Name;
        env["PKG_VERSION"] = r.Rendered.Recipe.Package.Version;
        env["PKG_BUILD_STRING"] = r.Rendered.BuildString;
        env["CONDA_BUILD_STATE"] = "TEST";
        env["PYTHONNOUSERSITE"] = "1";
        env["PATH"] = $"{prefix}/bin:{BasePath(r)}";
        if (python is not null)
        {
            env["PYTHON"] = Path.Combine(prefix, "bin", "python");
            env["PY_VER"] = python.MajorMinor;
            env["SP_DIR"] = $"{prefix}/lib/python{python.MajorMinor}/site-packages";
        }
        else
            env["PYTHON"] = "python3";
        return env;
    }

    /// <summary>Moves a package whose test failed out of the way, so it never reaches the channel, and
    /// says where it went.</summary>
    public static CondaRecipesException Failed(VariantBuildRequest r, string archive, string code, string message, string file, int line, string hint)
    {
        var broken = Path.Combine(r.ChannelDir, "broken");
        Directory.CreateDirectory(broken);
        var moved = Path.Combine(broken, Path.GetFileName(archive));
        File.Move(archive, moved, overwrite: true);
        return new CondaRecipesException(code, $"{message}\nThe package was moved to {moved} and is not in the channel.", file, line, hint);
    }
}
