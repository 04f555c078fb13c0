using CondaRecipes.Pipeline.Script;

namespace CondaRecipes.Tests.Build.Script;

/// <summary>
/// The build-script preamble loads the site's environment modules through the host's real Lmod (Debian's
/// lmod package), so a module's settings reach build.sh.
/// </summary>
public class BuildScriptModulesTests
{
    [Test]
    public async Task A_listed_module_is_loaded_through_Lmod_before_the_recipe_script_runs()
    {
        if (!File.Exists("/usr/share/lmod/lmod/init/bash"))
            Assert.Fail("Lmod is not installed; eng/setup.sh installs Debian's lmod package.");
        var dir = Directory.CreateTempSubdirectory("cr-modules-").FullName;
        try
        {
            var modules = Path.Combine(dir, "modulefiles", "cray-mpich");
            Directory.CreateDirectory(modules);
            File.WriteAllText(Path.Combine(modules, "8.1.29.lua"),
                "setenv(\"CRAY_MPICH_DIR\", \"/opt/cray/pe/mpich/8.1.29\")\nprepend_path(\"PATH\", \"/opt/cray/pe/mpich/8.1.29/bin\")\n");
            var src = Directory.CreateDirectory(Path.Combine(dir, "src")).FullName;
            var buildSh = Path.Combine(dir, "build.sh");
            File.WriteAllText(buildSh, "echo \"MPICH=$CRAY_MPICH_DIR\"\necho \"PATH=$PATH\"\n");
            var script = BuildScriptWriter.Write(Path.Combine(dir, "conda_build.sh"), buildSh, null, ["cray-mpich/8.1.29"]);

            var env = new Dictionary<string, string>
            {
                ["PATH"] = "/usr/bin:/bin", ["HOME"] = dir, ["SRC_DIR"] = src,
                ["MODULEPATH"] = Path.Combine(dir, "modulefiles"),
            };
            var lines = new List<string>();
            await BuildScriptRunner.RunAsync(script, src, env, Path.Combine(dir, "build.log"), lines.Add, "test", CancellationToken.None);

            Assert.That(lines, Has.Some.EqualTo("MPICH=/opt/cray/pe/mpich/8.1.29"));
            Assert.That(lines, Has.Some.StartsWith("PATH=/opt/cray/pe/mpich/8.1.29/bin:"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public async Task A_failing_module_load_fails_the_build_with_the_module_error_in_the_tail()
    {
        var dir = Directory.CreateTempSubdirectory("cr-modules-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "modulefiles"));
            var src = Directory.CreateDirectory(Path.Combine(dir, "src")).FullName;
            var buildSh = Path.Combine(dir, "build.sh");
            File.WriteAllText(buildSh, "echo built\n");
            var script = BuildScriptWriter.Write(Path.Combine(dir, "conda_build.sh"), buildSh, null, ["no-such-module/1.0"]);
            var env = new Dictionary<string, string>
            {
                ["PATH"] = "/usr/bin:/bin", ["HOME"] = dir, ["SRC_DIR"] = src, ["MODULEPATH"] = Path.Combine(dir, "modulefiles"),
            };
            var lines = new List<string>();
            var e = Assert.ThrowsAsync<CondaRecipes.Diagnostics.CondaRecipesException>(() =>
                BuildScriptRunner.RunAsync(script, src, env, Path.Combine(dir, "build.log"), lines.Add, "test", CancellationToken.None));
            Assert.That(e!.Code, Is.EqualTo("CR2104"));
            Assert.That(e.Message, Does.Contain("no-such-module"));
            Assert.That(lines, Has.None.EqualTo("built"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
