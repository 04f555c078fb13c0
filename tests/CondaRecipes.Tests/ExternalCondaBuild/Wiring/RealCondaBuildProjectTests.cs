using System.Text.Json;
using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.CondaBuild.Wiring;

/// <summary>
/// A recipe project built with a real conda-build, when one is on PATH (a site with conda). Bootstrap is
/// turned off so the test never creates an environment from the network; the conda-build found is used as
/// it is. Machines without conda-build report the test as ignored, with the PATH searched.
/// </summary>
[TestFixture]
public class RealCondaBuildProjectTests
{
    [Test]
    public void RealCondaBuild_BuildsANoarchRecipeProject_IndexesIt_AndSkipsItTheSecondTime()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var condaBuild = CondaToolLocator.TryFindCondaBuild(null, path);
        if (condaBuild is null)
            Assert.Ignore($"conda-build not on PATH: searched {path}");

        using var repo = new TestRepo();
        repo.Write("recipes/condarecipes-e2e/meta.yaml", """
            package:
              name: condarecipes-e2e
              version: "1.0"
            build:
              number: 0
              noarch: generic
              script: mkdir -p $PREFIX/share/condarecipes-e2e && echo "{{ environ.get('E2E_VALUE', 'unset') }}" > $PREFIX/share/condarecipes-e2e/value.txt
            """);
        repo.Write("recipes/condarecipes-e2e.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <PropertyGroup><EnableCondaBuildBootstrap>false</EnableCondaBuildBootstrap></PropertyGroup>
              <ItemGroup>
                <CondaPython Include="3.11" />
                <CondaVariant Include="E2E_VALUE" Values="from-variant" />
              </ItemGroup>
            </Project>
            """);
        string[] args = ["build", "-nologo", "-nr:false", "recipes/condarecipes-e2e.proj", "-p:CondaBuildEngine=conda-build"];

        var first = DotnetCli.Run(repo.Root, args, timeout: TimeSpan.FromMinutes(30));
        var second = DotnetCli.Run(repo.Root, args);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var packages = Directory.GetFiles(repo.Path_("output", "noarch"), "condarecipes-e2e-1.0-*");
        Assert.That(packages, Has.Length.EqualTo(1));
        using var repodata = JsonDocument.Parse(File.ReadAllText(repo.Path_("output", "noarch", "repodata.json")));
        var listed = repodata.RootElement.GetProperty("packages").EnumerateObject()
            .Concat(repodata.RootElement.GetProperty("packages.conda").EnumerateObject()).Select(p => p.Name);
        Assert.That(listed, Does.Contain(Path.GetFileName(packages[0])));
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(second.Output, Does.Contain("is up to date"));
    }
}
