using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.CondaBuild.Wiring;

/// <summary>The conda-build engine's project settings reaching conda-build's command line, and their errors.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CondaBuildSettingsProjectTests
{
    private static TestRepo RepoWith(string items)
    {
        var repo = new TestRepo();
        repo.Write("recipes/demo/meta.yaml", """
            package:
              name: demo
              version: "1.0"
            """);
        repo.Write("recipes/demo.proj", $"""
            <Project Sdk="CondaRecipes.Sdk">
              <PropertyGroup>
                <CondaBuildExtraArgs>--no-test  --keep-old-work</CondaBuildExtraArgs>
              </PropertyGroup>
              <ItemGroup>
                <CondaPython Include="3.12" />
            {items}
              </ItemGroup>
            </Project>
            """);
        return repo;
    }

    private static DotnetCli.Result Build(TestRepo repo, FakeCondaBuildSite fake) =>
        DotnetCli.Run(repo.Root, ["build", "-nologo", "-nr:false", "recipes/demo.proj", "-p:CondaBuildEngine=conda-build"], fake.Environment());

    [Test]
    public void ChannelsVariantFilesAndExtraArguments_ReachConda_Build_AndAChangedVariantFileRebuilds_WithFakeCondaBuild()
    {
        using var repo = RepoWith("""
                <CondaChannel Include="nvidia" />
                <CondaChannel Include="conda-forge" />
                <CondaBuildVariantFiles Include="site_config.yaml" />
            """);
        var config = repo.Write("recipes/site_config.yaml", "cuda_compiler_version:\n  - 12.4\n");
        var fake = new FakeCondaBuildSite(repo.Path_("fake"));

        var r = Build(repo, fake);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var output = repo.Path_("output");
        Assert.That(fake.CondaBuildCalls[^1], Is.EqualTo(
            $"--python|3.12|--channel|file://{output}|--channel|nvidia|--channel|conda-forge|--output-folder|{output}" +
            $"|-m|{config}|--no-test|--keep-old-work|{repo.Path_("recipes", "demo")}"));

        File.AppendAllText(config, "  - 12.6\n");
        var again = Build(repo, fake);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(fake.CondaBuildCalls, Has.Count.EqualTo(4), "the variant file's content is part of the inputs hash");
    }

    [Test]
    public void MissingVariantFile_IsCodedErrorCR8204_AtTheItemLine_WithFakeCondaBuild()
    {
        using var repo = RepoWith("""
                <CondaBuildVariantFiles Include="missing_config.yaml" />
            """);
        var fake = new FakeCondaBuildSite(repo.Path_("fake"));

        var r = Build(repo, fake);

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain(
            $"demo.proj(7): error CR8204: The conda-build variant file '{repo.Path_("recipes", "missing_config.yaml")}'"));
        Assert.That(fake.CondaBuildCalls, Is.Empty);
    }

    [Test]
    public void VariantWithoutPython_IsCodedErrorCR8202_WithFakeCondaBuild()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/demo/meta.yaml", "package:\n  name: demo\n  version: \"1.0\"\n");
        repo.Write("recipes/demo.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var fake = new FakeCondaBuildSite(repo.Path_("fake"));

        var r = Build(repo, fake);

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR8202: The variant 'default' of demo has no Python version"));
        Assert.That(fake.CondaBuildCalls, Is.Empty);
    }
}
