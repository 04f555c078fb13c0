using System.Text.Json;
using CondaRecipes.Tests.CondaBuild.Wiring;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Planning;

/// <summary>
/// `-t:Plan` and a build give every variant the same status, with the native engine and with the conda-build
/// engine (a FAKE conda-build): before the first build, right after it, and after a recipe file changed.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PlanBuildAgreementTests
{
    private static TestRepo RepoWithDemo()
    {
        var repo = new TestRepo();
        repo.Write("recipes/demo/meta.yaml", """
            package:
              name: demo
              version: {{ environ.get('DEMO_VERSION', '1.0') }}
            build:
              skip: {{ environ.get('DEMO_VERSION') == '3.0' }}
            """);
        repo.Write("recipes/demo/build.sh", """
            mkdir -p "$PREFIX/share/demo"
            echo "$DEMO_VERSION" > "$PREFIX/share/demo/version.txt"
            """);
        repo.Write("recipes/demo.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup>
                <CondaPython Include="3.11" />
                <CondaVariant Include="DEMO_VERSION" Values="1.0;2.0;3.0" />
              </ItemGroup>
            </Project>
            """);
        return repo;
    }

    /// <summary>Variant id → Status metadata of the items a target returns (Plan: CondaPlannedPackage, Build: CondaPackage).</summary>
    private static Dictionary<string, string> Statuses(TestRepo repo, IReadOnlyDictionary<string, string?>? env, string target, params string[] args)
    {
        var r = DotnetCli.Run(repo.Root, ["build", "-nologo", "-nr:false", "recipes/demo.proj", $"-t:{target}", $"-getTargetResult:{target}", .. args], env);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        using var doc = JsonDocument.Parse(r.Output[r.Output.IndexOf('{')..]);
        return doc.RootElement.GetProperty("TargetResults").GetProperty(target).GetProperty("Items").EnumerateArray()
            .Select(e => (Variant: e.GetProperty("Variant").GetString()!, Status: e.GetProperty("Status").GetString()!))
            .Distinct().ToDictionary(x => x.Variant, x => x.Status);
    }

    private static void AssertPlanAndBuildAgree(TestRepo repo, IReadOnlyDictionary<string, string?>? env, string[] engine,
        IReadOnlyDictionary<string, string> expected)
    {
        var plan = Statuses(repo, env, "Plan", engine);
        Assert.That(plan, Is.EquivalentTo(expected), "Plan");
        var build = Statuses(repo, env, "Build", engine);
        // A skipped variant builds nothing, so it leaves no package item; every other verdict is Plan's.
        Assert.That(build, Is.EquivalentTo(plan.Where(kv => kv.Value != "skipped")), "the build's verdict before building");
    }

    private static void RunScenario(TestRepo repo, IReadOnlyDictionary<string, string?>? env, params string[] engine)
    {
        const string v1 = "py3.11_demo_version-1.0", v2 = "py3.11_demo_version-2.0", v3 = "py3.11_demo_version-3.0";
        AssertPlanAndBuildAgree(repo, env, engine, new Dictionary<string, string> { [v1] = "missing", [v2] = "missing", [v3] = "skipped" });
        AssertPlanAndBuildAgree(repo, env, engine, new Dictionary<string, string> { [v1] = "up to date", [v2] = "up to date", [v3] = "skipped" });
        File.AppendAllText(repo.Path_("recipes", "demo", "build.sh"), "# a changed build script\n");
        AssertPlanAndBuildAgree(repo, env, engine, new Dictionary<string, string> { [v1] = "out of date", [v2] = "out of date", [v3] = "skipped" });
    }

    [Test]
    public void Plan_and_the_native_build_agree_on_every_variant()
    {
        using var repo = RepoWithDemo();
        RunScenario(repo, null);
        Assert.That(File.Exists(repo.Path_("output", "linux-64", "repodata.json")), Is.True);
    }

    [Test]
    public void Plan_and_the_conda_build_engine_agree_on_every_variant_WithFakeCondaBuild()
    {
        using var repo = RepoWithDemo();
        var fake = new FakeCondaBuildSite(repo.Path_("fake"));
        RunScenario(repo, fake.Environment(), "-p:CondaBuildEngine=conda-build");
        // Two builds of two variants, each an --output and a build; the skipped variant and the no-op build start nothing.
        Assert.That(fake.CondaBuildCalls, Has.Count.EqualTo(8), string.Join("\n", fake.CondaBuildCalls));
    }
}
