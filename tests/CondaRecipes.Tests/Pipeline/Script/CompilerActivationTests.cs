using CondaRecipes.Pipeline.Script;

namespace CondaRecipes.Tests.Build.Script;

/// <summary>
/// compiler() in build activates the host toolchain in the build script's environment as conda-forge's
/// compiler packages do, without overriding what the site or the recipe set.
/// </summary>
public class CompilerActivationTests
{
    private static BuildScriptContext Context(params CompilerActivation.Compiler[] compilers) => new()
    {
        Prefix = "/w/h_env", BuildPrefix = "/w/build_env", SrcDir = "/w/work", RecipeDir = "/r", PackageName = "demo",
        PackageVersion = "1.0", BuildNumber = 0, BuildString = "0", Subdir = "linux-64", Compilers = compilers,
    };

    private static readonly Dictionary<string, string> Caller = new() { ["PATH"] = "/usr/bin:/bin", ["CC"] = "icc" };

    [Test]
    public void C_and_cxx_compilers_set_programs_and_flags_pointing_at_the_prefix()
    {
        var env = BuildScriptEnvironment.Create(Context(new("c", "/usr/bin/gcc"), new("cxx", "/usr/bin/g++")), Caller);
        Assert.That(env["CC"], Is.EqualTo("/usr/bin/gcc"), "the caller's CC is replaced, as conda's activation does");
        Assert.That(env["CXX"], Is.EqualTo("/usr/bin/g++"));
        Assert.That(env["CFLAGS"], Does.StartWith("-march=nocona -mtune=haswell").And.Contain("-isystem /w/h_env/include"));
        Assert.That(env["CXXFLAGS"], Does.StartWith("-fvisibility-inlines-hidden").And.Contain("-isystem /w/h_env/include"));
        Assert.That(env["CPPFLAGS"], Is.EqualTo("-DNDEBUG -D_FORTIFY_SOURCE=2 -O2 -isystem /w/h_env/include"));
        Assert.That(env["LDFLAGS"], Does.EndWith("-Wl,-rpath,/w/h_env/lib -Wl,-rpath-link,/w/h_env/lib -L/w/h_env/lib"));
        Assert.That(env["AR"], Is.EqualTo("/usr/bin/ar"), "binutils from PATH");
        Assert.That(env, Does.Not.ContainKey("FC"));
        Assert.That(env, Does.Not.ContainKey("FFLAGS"));
    }

    [Test]
    public void A_fortran_compiler_brings_the_c_activation_too()
    {
        var env = BuildScriptEnvironment.Create(Context(new CompilerActivation.Compiler("fortran", "/usr/bin/gfortran")), Caller);
        Assert.That(env["FC"], Is.EqualTo("/usr/bin/gfortran"));
        Assert.That(env["F77"], Is.EqualTo("/usr/bin/gfortran"));
        Assert.That(env["FFLAGS"], Does.Contain("-isystem /w/h_env/include"));
        Assert.That(env["CC"], Is.EqualTo("/usr/bin/gcc"));
    }

    [Test]
    public void The_site_and_the_recipe_keep_their_values_and_set_flags_are_kept()
    {
        var context = Context(new CompilerActivation.Compiler("c", "/usr/bin/gcc")) with
        {
            SiteEnvironment = new Dictionary<string, string> { ["CC"] = "cc" },
            ScriptEnv = ["LDFLAGS=-L/opt/site/lib"],
        };
        var env = BuildScriptEnvironment.Create(context, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["CFLAGS"] = "-O3" });
        Assert.That(env["CC"], Is.EqualTo("cc"));
        Assert.That(env["LDFLAGS"], Is.EqualTo("-L/opt/site/lib"));
        Assert.That(env["CFLAGS"], Is.EqualTo("-O3"));
    }

    [Test]
    public void No_compiler_no_activation()
    {
        var env = BuildScriptEnvironment.Create(Context(), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        Assert.That(env.Keys, Has.None.AnyOf("CC", "CFLAGS", "LDFLAGS", "AR"));
    }
}
