using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

/// <summary>Builds samples/host-rpath with its build.sh under conda-build's environment contract, then
/// relocates, checks linkage and runs the installed program from another place.</summary>
[TestFixture]
public class HostRpathSampleTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-elf-sample-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string SampleDir()
    {
        for (var d = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "samples", "host-rpath")))
                return Path.Combine(d.FullName, "samples", "host-rpath");
        throw new DirectoryNotFoundException("samples/host-rpath not found above the test directory");
    }

    [Test]
    public void BuildScript_ThenRelocate_KeepsHostRpathAndRunsElsewhere()
    {
        var recipe = SampleDir();
        var hostRoot = Path.Combine(_dir, "opt-cray");
        var prefix = Path.Combine(_dir, "h_env");
        var work = Path.Combine(_dir, "work");
        Directory.CreateDirectory(work);
        foreach (var f in Directory.GetFiles(Path.Combine(recipe, "src"))) File.Copy(f, Path.Combine(work, Path.GetFileName(f)));

        var build = NativeTools.Exec("bash", [Path.Combine(recipe, "build.sh")], work, new Dictionary<string, string?>
        {
            ["PREFIX"] = prefix, ["SRC_DIR"] = work, ["RECIPE_DIR"] = recipe, ["CONDA_SAMPLE_HOST_ROOT"] = hostRoot, ["CC"] = "gcc",
        });
        Assert.That(build.ExitCode, Is.Zero, build.StandardError);
        Assert.That(File.Exists(Path.Combine(hostRoot, "lib", "libhostmpi.so")), Is.True, "host library outside the prefix");
        Assert.That(File.ReadAllText(Path.Combine(recipe, "meta.yaml")), Does.Contain("{{ host_root }}/*"));

        string[] files = ["bin/demo", "lib/libdemo.so"];
        var whitelist = RpathPolicy.MergeWhitelists([hostRoot + "/*"]); // what meta.yaml renders to
        var diagnostics = new List<Diagnostic>();
        ElfRelocator.Relocate(prefix, files, new RelocationSettings { HostRunpathWhitelist = whitelist }, diagnostics);

        Assert.That(NativeTools.Readelf(Path.Combine(prefix, "bin", "demo")).Rpath ?? NativeTools.Readelf(Path.Combine(prefix, "bin", "demo")).Runpath,
            Is.EqualTo($"{hostRoot}/lib:$ORIGIN/../lib"));
        Assert.That(diagnostics.Select(d => (d.Code, d.File)), Is.EqualTo(new[] { ("CR3101", "bin/demo"), ("CR3101", "lib/libdemo.so") }));
        Assert.That(LinkageChecker.Check(prefix, files, new LinkageSettings { HostRunpathWhitelist = whitelist }), Is.Empty);

        var installed = Path.Combine(_dir, "installed");
        Directory.Move(prefix, installed);
        var run = NativeTools.Exec(Path.Combine(installed, "bin", "demo"), [], env: new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null });
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("host-rpath-demo: libdemo says 42 (host rank 7)"));
    }
}
