using System.Text.RegularExpressions;

namespace CondaRecipes.Tests.Sdk;

/// <summary>CPU_COUNT as build scripts see it when variants build at once, through the real `dotnet build`.</summary>
public class CpuCountTests
{
    private static TestRepo RepoWithTwoVariants()
    {
        var repo = new TestRepo();
        repo.Write("recipes/cpus/meta.yaml", """
            package:
              name: cpus
              version: {{ environ.get('DEMO_VERSION', '1.0') }}
            build:
              script_env:
                - DEMO_VERSION
            """);
        repo.Write("recipes/cpus/build.sh", """
            echo "build script sees CPU_COUNT=${CPU_COUNT} for ${PKG_VERSION}"
            mkdir -p "$PREFIX/share" && echo "$CPU_COUNT" > "$PREFIX/share/cpus-$PKG_VERSION.txt"
            """);
        repo.Write("recipes/cpus.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaVariant Include="DEMO_VERSION" Values="1.0;2.0" /></ItemGroup>
            </Project>
            """);
        return repo;
    }

    /// <summary>The CPU_COUNT each variant's build script printed into its log, by package version.</summary>
    private static Dictionary<string, int> Recorded(TestRepo repo) =>
        Directory.EnumerateFiles(repo.Path_("logs", "cpus"), "*.log")
            .Where(f => !f.EndsWith(".test.log", StringComparison.Ordinal))
            .Select(f => Regex.Match(File.ReadAllText(f), @"build script sees CPU_COUNT=(\d+) for ([0-9.]+)"))
            .Where(m => m.Success).ToDictionary(m => m.Groups[2].Value, m => int.Parse(m.Groups[1].Value));

    [Test]
    public void Concurrent_variants_share_the_cores_and_CondaCpuCount_overrides_the_share()
    {
        using var repo = RepoWithTwoVariants();
        var shared = repo.Build("recipes/cpus.proj", "-m:2");
        Assert.That(shared.ExitCode, Is.EqualTo(0), shared.ToString());
        // Two builds at once (-m:2) split the machine's cores: neither may use them all.
        var share = Math.Max(1, Environment.ProcessorCount / 2);
        Assert.That(Recorded(repo), Is.EquivalentTo(new Dictionary<string, int> { ["1.0"] = share, ["2.0"] = share }), shared.ToString());

        var fixedCount = repo.Build("recipes/cpus.proj", "-m:2", "-p:CondaCpuCount=3", "-p:CondaForce=true");
        Assert.That(fixedCount.ExitCode, Is.EqualTo(0), fixedCount.ToString());
        Assert.That(Recorded(repo), Is.EquivalentTo(new Dictionary<string, int> { ["1.0"] = 3, ["2.0"] = 3 }), fixedCount.ToString());

        // One variant (narrowed on the command line) under `dotnet build`'s default node count: nothing shares.
        var alone = repo.Build("recipes/cpus.proj", "-p:DemoVersion=2.0", "-p:CondaForce=true");
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.ToString());
        Assert.That(Recorded(repo)["2.0"], Is.EqualTo(Environment.ProcessorCount), alone.ToString());

        var bad = repo.Build("recipes/cpus.proj", "-p:CondaCpuCount=lots", "-p:CondaForce=true");
        Assert.That(bad.ExitCode, Is.Not.EqualTo(0));
        Assert.That(bad.Output, Does.Contain("CR8160"), bad.ToString());
    }
}
