using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// Builds the noarch: python sample (a console entry point) and the metapackage sample (which pulls it and
/// the C library sample) with the packed SDK, checks their archives with cph, and installs the metapackage
/// from the channel with the engine's own installer into fresh environments of two other Pythons.
/// </summary>
[NonParallelizable]
public class PackageKindsSamplesTests
{
    private TestRepo _repo = null!;

    private string Output => _repo.Path_("output");

    [OneTimeSetUp]
    public void BuildSamples()
    {
        _repo = new TestRepo();
        _repo.CopyFromRepository("samples");
        var r = _repo.Build("samples/metapackage.proj", "-m:2");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        // A recipe with a source and no build script: the source is fetched, nothing is built or installed.
        _repo.Write("samples/source-only/src/LICENSE", "MIT\n");
        _repo.Write("samples/source-only/meta.yaml", """
            package: {name: source-only, version: "0.1"}
            source: {path: src}
            about: {license: MIT}
            """);
        _repo.Write("samples/source-only.proj", "<Project Sdk=\"CondaRecipes.Sdk\" />");
        _sourceOnly = _repo.Build("samples/source-only.proj");
        Assert.That(_sourceOnly.ExitCode, Is.EqualTo(0), _sourceOnly.ToString());
    }

    private DotnetCli.Result _sourceOnly = null!;

    [Test]
    public void A_recipe_with_a_source_and_no_script_builds_an_empty_package()
    {
        var extracted = Extract(Path.Combine(Output, "linux-64", "source-only-0.1-0.conda"));
        try
        {
            Assert.That(Directory.EnumerateFileSystemEntries(extracted).Select(Path.GetFileName), Is.EqualTo(new[] { "info" }));
            Assert.That(Json(extracted, "index.json").GetProperty("subdir").GetString(), Is.EqualTo("linux-64"));
            Assert.That(File.Exists(Path.Combine(extracted, "info", "link.json")), Is.False, "not a noarch package");
        }
        finally { Directory.Delete(extracted, true); }
        Assert.That(_sourceOnly.Output, Does.Not.Contain("CR2106").And.Contain("0 Warning(s)"), "no warning that nothing was installed");
    }

    [OneTimeTearDown]
    public void Cleanup() => _repo.Dispose();

    private static string Extract(string archive) => ChannelInspection.ExtractWithCph(archive);

    private static JsonElement Json(string extracted, string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", file))).RootElement;

    [Test]
    public void The_noarch_python_package_is_in_conda_layout_with_its_entry_point_in_link_json()
    {
        var archive = Path.Combine(Output, "noarch", "hello-cli-1.4.0-sample_pyh_1000.conda");
        var extracted = Extract(archive);
        try
        {
            ChannelInspection.AssertMatchesPathsJson(extracted);
            var index = Json(extracted, "index.json");
            Assert.That(index.GetProperty("noarch").GetString(), Is.EqualTo("python"));
            Assert.That(index.GetProperty("subdir").GetString(), Is.EqualTo("noarch"));
            Assert.That(index.TryGetProperty("arch", out var arch) ? arch.ValueKind : JsonValueKind.Null, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Json(extracted, "link.json").GetRawText().Replace(" ", "").Replace("\n", ""),
                Is.EqualTo("""{"noarch":{"entry_points":["hello-cli=hello_cli.main:run"],"type":"python"},"package_metadata_version":1}"""));

            var files = File.ReadAllLines(Path.Combine(extracted, "info", "files"));
            Assert.That(files, Does.Contain("site-packages/hello_cli/main.py").And.Contain("python-scripts/hello-cli-report")
                .And.Contain("site-packages/hello_cli-1.4.0.dist-info/METADATA"));
            Assert.That(files.Where(f => f.StartsWith("lib/") || f.StartsWith("bin/") || f.EndsWith(".pyc")), Is.Empty, string.Join("\n", files));
            // The script's interpreter is the prefix's version-free python, recorded for prefix replacement.
            Assert.That(File.ReadAllText(Path.Combine(extracted, "info", "has_prefix")), Does.Contain("text python-scripts/hello-cli-report"));
        }
        finally { Directory.Delete(extracted, true); }
    }

    [Test]
    public void The_package_test_ran_for_the_variants_Python_with_the_console_script_conda_writes()
    {
        var log = File.ReadAllText(_repo.Path_("logs", "noarch-cli", "py3.12.test.log"));
        Assert.That(log, Does.Contain("hello_cli 1.4.0 on Python 3.12"));
        Assert.That(log, Does.Contain("hello, conda (Python 3.12)"));
    }

    [Test]
    public void The_metapackage_is_an_empty_noarch_generic_package()
    {
        var archive = Path.Combine(Output, "noarch", "sample-suite-1.0.0-0.conda");
        var extracted = Extract(archive);
        try
        {
            Assert.That(Directory.EnumerateFileSystemEntries(extracted).Select(Path.GetFileName), Is.EqualTo(new[] { "info" }));
            Assert.That(File.ReadAllText(Path.Combine(extracted, "info", "files")), Is.Empty);
            var index = Json(extracted, "index.json");
            Assert.That(index.GetProperty("noarch").GetString(), Is.EqualTo("generic"));
            Assert.That(index.GetProperty("depends").EnumerateArray().Select(d => d.GetString()),
                Is.EqualTo(new[] { "clib-demo 1.2.*", "hello-cli >=1.4" }));
            Assert.That(Json(extracted, "link.json").GetProperty("noarch").GetProperty("type").GetString(), Is.EqualTo("generic"));
        }
        finally { Directory.Delete(extracted, true); }
        Assert.That(File.ReadAllText(_repo.Path_("logs", "metapackage", "default.log")), Does.Not.Contain("build.sh"),
            "no build step ran");
    }

    [TestCase("3.10")]
    [TestCase("3.11")]
    public async Task The_metapackage_installs_its_run_requirements_and_the_tool_runs(string python)
    {
        var interpreter = LocatePython(python);
        var prefix = _repo.Path_("envs", "py" + python);
        await Cli.Wrap(interpreter.Executable).WithArguments(["-m", "venv", "--without-pip", prefix]).ExecuteBufferedAsync();
        var satisfier = new RequirementSatisfier([], interpreter, "/usr/bin:/bin", []);
        var installed = await new ChannelEnvironment([Output], "linux-64", _repo.Path_("install-cache"), new NullLog())
            .InstallAsync(["sample-suite"], satisfier.SolverExternals, prefix, "sample-suite", CancellationToken.None);

        // The interpreter of the prefix stands in for python (a host package, not installed from the channel).
        Assert.That(installed.Where(p => !p.OnHost).Select(p => p.Name).Order(), Is.EqualTo(new[] { "clib-demo", "hello-cli", "sample-suite" }));
        Assert.That(File.Exists(Path.Combine(prefix, "lib", $"python{python}", "site-packages", "hello_cli", "main.py")));
        Assert.That(File.Exists(Path.Combine(prefix, "lib", "libclibdemo.so")));

        var hello = await Cli.Wrap(Path.Combine(prefix, "bin", "hello-cli")).WithArguments(["site"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(hello.ExitCode, Is.EqualTo(0), hello.StandardError);
        Assert.That(hello.StandardOutput.Trim(), Is.EqualTo($"hello, site (Python {python})"));
        var report = await Cli.Wrap(Path.Combine(prefix, "bin", "hello-cli-report")).ExecuteBufferedAsync();
        Assert.That(report.StandardOutput.Trim(), Is.EqualTo($"hello_cli 1.4.0 on Python {python}"));
    }

    private static PythonInterpreter LocatePython(string majorMinor)
    {
        try
        {
            return new PythonLocator([], null, Environment.GetEnvironmentVariable("HOME"), "/usr/bin:/bin").Find(majorMinor);
        }
        catch (CondaRecipesException)
        {
            Assert.Ignore($"no Python {majorMinor} on this machine");
            throw;
        }
    }

    private sealed class NullLog : IBuildLog
    {
        public void Info(string message) { }
        public void Detail(string message) { }
        public void Summary(string message) { }
        public void Warn(Diagnostic diagnostic) { }
    }
}
