using CondaRecipes.Pipeline.Script;

namespace CondaRecipes.Tests.Pipeline.Script;

/// <summary>What the build script's environment lets pip and Python reach.</summary>
public class BuildScriptEnvironmentTests
{
    private static BuildScriptContext Context(string? python) => new()
    {
        Prefix = "/w/v/host", BuildPrefix = "/w/v/build_env", SrcDir = "/w/v/work", RecipeDir = "/r",
        PackageName = "p", PackageVersion = "1", BuildNumber = 0, BuildString = "0",
        Python = python is null ? null : "/w/v/host/bin/python", PythonVersion = python,
    };

    private static readonly Dictionary<string, string> Caller = new()
    {
        ["PATH"] = "/root/.pyenv/shims:/usr/bin", ["HOME"] = "/root",
        ["PIP_TARGET"] = "/usr/lib/python3/dist-packages", ["PIP_USER"] = "1", ["PIP_INDEX_URL"] = "https://pypi.example",
    };

    [Test]
    public void The_prefixes_come_first_on_PATH_and_the_callers_pip_settings_are_dropped()
    {
        var env = BuildScriptEnvironment.Create(Context("3.11"), Caller);

        Assert.That(env["PATH"].Split(':')[..2], Is.EqualTo(new[] { "/w/v/build_env/bin", "/w/v/host/bin" }));
        Assert.That(env.Keys.Where(k => k.StartsWith("PIP_", StringComparison.Ordinal)), Is.EquivalentTo(new[]
        {
            "PIP_NO_BUILD_ISOLATION", "PIP_NO_DEPENDENCIES", "PIP_IGNORE_INSTALLED", "PIP_NO_INDEX", "PIP_CACHE_DIR",
            "PIP_DISABLE_PIP_VERSION_CHECK", "PIP_REQUIRE_VIRTUALENV", "PIP_CONFIG_FILE",
        }));
        Assert.That(env["PIP_CONFIG_FILE"], Is.EqualTo("/dev/null"));
        Assert.That(env["PIP_REQUIRE_VIRTUALENV"], Is.EqualTo("1"));
        Assert.That(env["PYTHONNOUSERSITE"], Is.EqualTo("1"));
        Assert.That(Path.GetFullPath(env["PYTHONUSERBASE"]), Does.StartWith("/w/v/"), "a --user install stays in the work folder");
        Assert.That(Path.GetFullPath(env["PIP_CACHE_DIR"]), Does.StartWith("/w/v/"));
    }

    [Test]
    public void Without_a_Python_variant_pip_settings_from_the_caller_are_still_dropped()
    {
        var env = BuildScriptEnvironment.Create(Context(null), Caller);
        Assert.That(env.ContainsKey("PIP_TARGET") || env.ContainsKey("PIP_USER") || env.ContainsKey("PIP_INDEX_URL"), Is.False);
        Assert.That(env.ContainsKey("PIP_REQUIRE_VIRTUALENV"), Is.False, "no venv prefix to require");
        Assert.That(env["PIP_CONFIG_FILE"], Is.EqualTo("/dev/null"));
    }

    [Test]
    public void Rattler_builds_platform_names_are_set_and_a_noarch_package_is_hosted_on_the_build_platform()
    {
        var env = BuildScriptEnvironment.Create(Context("3.11") with { BuildPlatform = "linux-64" }, Caller);
        Assert.That((env["target_platform"], env["host_platform"], env["build_platform"]), Is.EqualTo(("linux-64", "linux-64", "linux-64")));
        Assert.That(env["CONDA_BUILD_CROSS_COMPILATION"], Is.EqualTo("0"));
        Assert.That(env["BUILD_DIR"], Is.EqualTo("/w/v"), "the parent of SRC_DIR");
        var noarch = BuildScriptEnvironment.Create(Context(null) with { Subdir = "noarch", BuildPlatform = "linux-aarch64" }, Caller);
        Assert.That((noarch["target_platform"], noarch["host_platform"], noarch["build_platform"]), Is.EqualTo(("noarch", "linux-aarch64", "linux-aarch64")));
    }
}
