using System.Text.Json;
using CondaRecipes.ExternalCondaBuild.Patching;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.CondaBuild.Wiring;

/// <summary>
/// Recipe projects built by the real `dotnet build` with the packed SDK and <c>-p:CondaBuildEngine=conda-build</c>,
/// against the fake conda and conda-build of <see cref="FakeCondaBuildSite"/>.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CondaBuildEngineProjectTests
{
    private const string Variant = "py3.11_demo_version-2.0";

    private sealed class Site : IDisposable
    {
        public Site()
        {
            Repo = new TestRepo();
            Fake = new FakeCondaBuildSite(Repo.Path_("fake"));
            Repo.Write("recipes/demo/meta.yaml", """
                package:
                  name: demo
                  version: {{ environ.get('DEMO_VERSION', '1.0') }}
                requirements:
                  host:
                    - python
                """);
            Repo.Write("recipes/demo.proj", """
                <Project Sdk="CondaRecipes.Sdk">
                  <ItemGroup>
                    <CondaPython Include="3.11" />
                    <CondaVariant Include="DEMO_VERSION" Values="2.0" />
                    <CondaEnvironment Include="SITE_LABEL" Value="derecho" />
                  </ItemGroup>
                </Project>
                """);
        }

        public TestRepo Repo { get; }
        public FakeCondaBuildSite Fake { get; }
        public string Output => Repo.Path_("output");
        public string EnvironmentDir => Repo.Path_("conda_build");

        public DotnetCli.Result Build(IReadOnlyDictionary<string, string?> env, params string[] extra) =>
            DotnetCli.Run(Repo.Root, ["build", "-nologo", "-nr:false", "recipes/demo.proj", "-p:CondaBuildEngine=conda-build", .. extra], env);

        public DotnetCli.Result Build(params string[] extra) => Build(Fake.Environment(), extra);

        public void Dispose() => Repo.Dispose();
    }

    private static string PostPy(Site site) =>
        Path.Combine(site.EnvironmentDir, "lib", "python3.11", "site-packages", "conda_build", "post.py");

    [Test]
    public void FirstBuild_BootstrapsPatchesBuildsAndIndexes_WithFakeCondaBuild()
    {
        using var site = new Site();

        var r = site.Build();

        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        // The environment comes from the SDK's packed copy of eng/conda_build.yaml.
        var create = site.Fake.CondaCalls.Single().Split('|');
        Assert.That(create[..4], Is.EqualTo(new[] { "env", "create", "-p", site.EnvironmentDir }));
        Assert.That(create[5], Does.EndWith("/Sdk/conda_build.yaml"));
        Assert.That(File.ReadAllText(create[5]), Is.EqualTo(File.ReadAllText(Path.Combine(RepoPaths.Root, "eng", "conda_build.yaml"))));
        Assert.That(File.ReadAllText(PostPy(site)), Does.Contain(PostPyPatch.Marker));
        Assert.That(File.Exists(PostPy(site) + PostPyPatcher.BackupSuffix), Is.True);

        var recipe = site.Repo.Path_("recipes", "demo");
        var output = site.Output;
        Assert.That(site.Fake.CondaBuildCalls, Is.EqualTo(new[]
        {
            $"--python|3.11|--channel|file://{output}|--channel|conda-forge|--output-folder|{output}|--output|{recipe}",
            $"--python|3.11|--channel|file://{output}|--channel|conda-forge|--output-folder|{output}|{recipe}",
        }));
        Assert.That(File.ReadAllLines(site.Fake.CondaBuildEnvLog).Distinct(),
            Is.EqualTo(new[] { "DEMO_VERSION=2.0 ENV_PYTHON_VERSION=3.11 SITE_LABEL=derecho" }));

        var package = Path.Combine(output, "linux-64", "demo-2.0-py311_0.conda");
        Assert.That(File.Exists(package), Is.True);
        using var repodata = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "linux-64", "repodata.json")));
        var record = repodata.RootElement.GetProperty("packages.conda").GetProperty("demo-2.0-py311_0.conda");
        Assert.That(record.GetProperty("sha256").GetString(), Is.EqualTo(TestFiles.Run("sha256sum", package).Output[..64]));
        Assert.That(record.GetProperty("depends")[0].GetString(), Is.EqualTo("python 3.11.*"));

        var log = site.Repo.Path_("logs", "demo", Variant + ".log");
        Assert.That(File.ReadAllText(log), Does.Contain("build line 40"));
        Assert.That(File.ReadAllText(log), Does.Contain("TEST END: " + package));
    }

    [Test]
    public void SecondBuild_OfAnUnchangedVariant_StartsNeitherCondaNorCondaBuild_WithFakeCondaBuild()
    {
        using var site = new Site();
        var first = site.Build();
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var patched = File.ReadAllBytes(PostPy(site));
        var package = Path.Combine(site.Output, "linux-64", "demo-2.0-py311_0.conda");
        var packageTime = File.GetLastWriteTimeUtc(package);

        var second = site.Build();

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(site.Fake.CondaCalls, Has.Count.EqualTo(1), "the environment is not recreated");
        Assert.That(site.Fake.CondaBuildCalls, Has.Count.EqualTo(2), "neither --output nor a build ran again");
        Assert.That(second.Output, Does.Contain("demo-2.0-py311_0.conda is up to date"));
        Assert.That(File.ReadAllBytes(PostPy(site)), Is.EqualTo(patched), "the patch is checked, not applied twice");
        Assert.That(File.GetLastWriteTimeUtc(package), Is.EqualTo(packageTime));

        // A changed variant value is a different inputs hash: conda-build renders and builds again.
        var third = site.Build("-p:DemoVersion=2.1");
        Assert.That(third.ExitCode, Is.EqualTo(0), third.ToString());
        Assert.That(site.Fake.CondaBuildCalls, Has.Count.EqualTo(4));
        Assert.That(File.Exists(Path.Combine(site.Output, "linux-64", "demo-2.1-py311_0.conda")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(site.Output, "linux-64", "repodata.json")),
            Does.Contain("demo-2.0-py311_0.conda").And.Contain("demo-2.1-py311_0.conda"));
    }

    [Test]
    public void FailingBuild_IsCR7303WithLogTail_LeavesNoPackageAndTheIndexUnchanged_WithFakeCondaBuild()
    {
        using var site = new Site();
        var good = site.Build();
        Assert.That(good.ExitCode, Is.EqualTo(0), good.ToString());
        var repodata = Path.Combine(site.Output, "linux-64", "repodata.json");
        var indexed = File.ReadAllBytes(repodata);

        var r = site.Build(site.Fake.Environment(("FAKE_BUILD_FAIL", "build")), "-p:DemoVersion=3.0");

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR7303: conda-build failed for py3.11_demo_version-3.0 (exit code 2)"));
        Assert.That(r.Output, Does.Contain("make: No rule to make target 'all'"), "the tail of the log is quoted");
        Assert.That(r.Output, Does.Contain("Last 30 lines of " + site.Repo.Path_("logs", "demo", "py3.11_demo_version-3.0.log")));
        Assert.That(File.Exists(Path.Combine(site.Output, "linux-64", "demo-3.0-py311_0.conda")), Is.False);
        Assert.That(File.ReadAllBytes(repodata), Is.EqualTo(indexed));
        Assert.That(File.Exists(Path.Combine(site.Repo.Root, ".conda-work", "demo", "stamps", "py3.11_demo_version-3.0.json")), Is.False);
    }

    [Test]
    public void NoCondaOnPath_IsCodedErrorCR7002()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var present = new[] { "conda", "mamba", "micromamba" }.Select(TestFiles.Which).FirstOrDefault(p => p is not null);
        if (present is not null)
            Assert.Ignore($"{present} is on PATH, so 'no conda' cannot be arranged here");
        using var site = new Site();

        var r = site.Build(new Dictionary<string, string?> { ["PATH"] = path });

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR7002: None of conda, mamba, micromamba was found on PATH"));
        Assert.That(site.Fake.CondaBuildCalls, Is.Empty);
        Assert.That(Directory.Exists(site.EnvironmentDir), Is.False);
    }

    [Test]
    public void UnknownEngine_IsCodedErrorCR8201()
    {
        using var site = new Site();
        var r = DotnetCli.Run(site.Repo.Root, ["build", "-nologo", "-nr:false", "recipes/demo.proj", "-p:CondaBuildEngine=conda-bild"],
            site.Fake.Environment());
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR8201: Unknown value 'conda-bild' for CondaBuildEngine."));
        Assert.That(site.Fake.CondaCalls, Is.Empty);
    }
}
