using System.Text.Json;

namespace CondaRecipes.Tests.Sdk;

/// <summary>Matrix expansion through real recipe projects built by `dotnet build` with the packed SDK.</summary>
[Parallelizable(ParallelScope.All)]
public class MatrixProjectTests
{
    // Uses python (host and run) and DEMO_VERSION, so that neither axis collapses when the matrix is
    // reduced to the variables the recipe uses.
    private const string MinimalRecipe = """
        package:
          name: demo
          version: {{ environ.get('DEMO_VERSION', '1.0') }}
        requirements:
          host:
            - python
          run:
            - python
        """;

    /// <summary>The variables of the project's axes, without the constants conda-build's defaults add.</summary>
    private static string AxisVariables(Dictionary<string, string> variant) =>
        string.Join("|", variant["Variables"].Split('|').Where(kv => char.IsUpper(kv[0])));

    private static TestRepo RepoWith(string projectBody)
    {
        var repo = new TestRepo();
        repo.Write("recipes/demo/meta.yaml", MinimalRecipe);
        repo.Write("recipes/demo.proj", $"""<Project Sdk="CondaRecipes.Sdk">{projectBody}</Project>""");
        return repo;
    }

    private static List<Dictionary<string, string>> Variants(TestRepo repo, params string[] extra)
    {
        var r = repo.Build(["recipes/demo.proj", "-t:CondaExpandMatrix", "-getItem:CondaVariantToBuild", .. extra]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        using var doc = JsonDocument.Parse(r.Output[r.Output.IndexOf('{')..]);
        return doc.RootElement.GetProperty("Items").GetProperty("CondaVariantToBuild").EnumerateArray()
            .Select(e => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""))
            .ToList();
    }

    [Test]
    public void Python_and_version_axes_cross()
    {
        using var repo = RepoWith("""
            <ItemGroup>
              <CondaPython Include="3.12;3.11;3.10" />
              <CondaVariant Include="DEMO_VERSION" Values="4.0.3;3.1.6" />
            </ItemGroup>
            """);
        var v = Variants(repo);
        Assert.That(v.Select(x => x["Description"]), Is.EqualTo(new[]
        {
            "PY_VER=3.12 DEMO_VERSION=4.0.3", "PY_VER=3.12 DEMO_VERSION=3.1.6",
            "PY_VER=3.11 DEMO_VERSION=4.0.3", "PY_VER=3.11 DEMO_VERSION=3.1.6",
            "PY_VER=3.10 DEMO_VERSION=4.0.3", "PY_VER=3.10 DEMO_VERSION=3.1.6",
        }));
        Assert.That(v[0]["InnerProperties"], Is.EqualTo("PythonVersion=3.12;DemoVersion=4.0.3"));
    }

    [Test]
    public void Command_line_properties_narrow_axes_and_unlisted_values_are_built_as_asked()
    {
        using var repo = RepoWith("""
            <ItemGroup>
              <CondaPython Include="3.12;3.11;3.10" />
              <CondaVariant Include="DEMO_VERSION" Values="4.0.3;3.1.6" />
            </ItemGroup>
            """);
        var v = Variants(repo, "-p:DemoVersion=4.0.0", "-p:PythonVersion=3.11");
        Assert.That(v.Select(x => x["Description"]), Is.EqualTo(new[] { "PY_VER=3.11 DEMO_VERSION=4.0.0" }));
    }

    [Test]
    public void Zipped_axis_moves_together_and_is_narrowed_by_either_variable()
    {
        using var repo = RepoWith("""
            <ItemGroup>
              <CondaPython Include="3.11" />
              <CondaVariant Include="PYTORCH_VERSION" Values="2.7.0;2.6.0;2.5.1" />
              <CondaVariant Include="TORCHVISION_VERSION" Values="0.22.0;0.21.0;0.20.1" ZipWith="PYTORCH_VERSION" />
            </ItemGroup>
            """);
        // The recipe uses PYTORCH_VERSION (TORCHVISION_VERSION moves with it), so the axis is not reduced away.
        repo.Write("recipes/demo/meta.yaml", MinimalRecipe.Replace("DEMO_VERSION", "PYTORCH_VERSION"));
        Assert.That(Variants(repo).Select(AxisVariables), Is.EqualTo(new[]
        {
            "PYTORCH_VERSION=2.7.0|TORCHVISION_VERSION=0.22.0",
            "PYTORCH_VERSION=2.6.0|TORCHVISION_VERSION=0.21.0",
            "PYTORCH_VERSION=2.5.1|TORCHVISION_VERSION=0.20.1",
        }));
        Assert.That(AxisVariables(Variants(repo, "-p:TorchvisionVersion=0.21.0").Single()),
            Is.EqualTo("PYTORCH_VERSION=2.6.0|TORCHVISION_VERSION=0.21.0"));
    }

    [Test]
    public void Empty_axis_is_a_coded_error_at_the_item_line()
    {
        using var repo = RepoWith("""

            <ItemGroup>
              <CondaVariant Include="DEMO_VERSION" Values="" />
            </ItemGroup>
            """);
        var r = repo.Build("recipes/demo.proj", "-t:CondaExpandMatrix");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("demo.proj(3): error CR1101: The matrix axis 'DEMO_VERSION' has no values."));
    }

    [Test]
    public void Values_with_msbuild_special_characters_reach_the_inner_build_intact()
    {
        using var repo = RepoWith("""
            <ItemGroup>
              <CondaVariant Include="DEMO_FLAGS" Values="a%24b%40c%27d" />
            </ItemGroup>
            <Target Name="ShowInner" DependsOnTargets="CondaExpandMatrix">
              <MSBuild Projects="$(MSBuildProjectFullPath)" Targets="Echo" Properties="%(CondaVariantToBuild.InnerProperties)" />
            </Target>
            <Target Name="Echo"><Message Importance="high" Text="INNER[$(DemoFlags)]" /></Target>
            """);
        var r = repo.Build("recipes/demo.proj", "-t:ShowInner");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Output, Does.Contain("INNER[a$b@c'd]"));
    }
}
