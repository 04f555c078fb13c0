using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CondaRecipes.Tests.Sdk;

/// <summary>MSBuild's conventions: Directory.Build.targets, -graph -isolate, tasks declared for a .NET task host.</summary>
[Parallelizable(ParallelScope.All)]
public class MSBuildConventionsTests
{
    [Test]
    public void A_traversal_builds_plans_and_cleans_with_graph_isolate_and_recipes_import_Directory_Build_targets()
    {
        using var repo = new TestRepo();
        repo.WriteBaseAndApp("echo NAME");
        // A site's Directory.Build.targets sees the SDK's targets: it hooks one and reads a property set late.
        repo.Write("recipes/Directory.Build.targets", """
            <Project>
              <Target Name="SiteAfterPlan" AfterTargets="Plan" Condition="'$(_CondaInnerBuild)' != 'true'">
                <Message Importance="high" Text="site targets: $(MSBuildProjectName) in $(CondaRecipeName)" />
              </Target>
            </Project>
            """);
        repo.Write("all.proj", """
            <Project Sdk="CondaRecipes.Traversal">
              <ItemGroup><CondaRecipeProject Include="recipes/*.proj" /></ItemGroup>
            </Project>
            """);

        var plan = repo.Build("all.proj", "-graph", "-isolate", "-t:Plan");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Output, Does.Contain("Static graph loaded"));
        Assert.That(plan.Output, Does.Contain("site targets: base in base").And.Contain("site targets: app in app"), plan.ToString());
        Assert.That(Regex.Matches(plan.Output, @"output/linux-64/(base|app)-1\.0-0\.conda\s+\[missing\]").Select(m => m.Groups[1].Value),
            Is.EquivalentTo(new[] { "base", "app" }), plan.ToString());

        var build = repo.Build("all.proj", "-graph", "-isolate", "-m");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("MSB4252").And.Not.Contain("MSB4254"));
        Assert.That(build.Output, Does.Contain("all -> 2 built, 0 up to date, 0 skipped, 0 failed"), build.ToString());
        foreach (var name in new[] { "base", "app" })
            Assert.That(File.Exists(repo.Path_("output", "linux-64", $"{name}-1.0-0.conda")), name);

        var clean = repo.Build("all.proj", "-graph", "-isolate", "-t:Clean", "-p:CondaCleanOutputs=true");
        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.ToString());
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False, clean.ToString());
    }

    /// <summary>
    /// A variant's stages are targets: a site hooks one (here before CondaTests) and its target runs between the stages
    /// around it; CondaVariantBuilding tells the hook whether the variant builds. A stage target called alone builds nothing.
    /// </summary>
    [Test]
    public void A_site_target_hooked_to_a_stage_runs_between_the_stages_and_a_stage_target_alone_does_nothing()
    {
        using var repo = new TestRepo();
        repo.WriteBaseAndApp("echo NAME");
        repo.Write("recipes/Directory.Build.targets", """
            <Project>
              <Target Name="SiteBeforeTests" BeforeTargets="CondaTests" Condition="'$(_CondaInnerBuild)' == 'true'">
                <Message Importance="high" Text="site hook: $(MSBuildProjectName) building=$(CondaVariantBuilding)" />
              </Target>
            </Project>
            """);

        var build = repo.Build("recipes/base.proj");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        var packages = build.Output.IndexOf("base: stage: packages", StringComparison.Ordinal);
        var hook = build.Output.IndexOf("site hook: base building=true", StringComparison.Ordinal);
        var tests = build.Output.IndexOf("base: stage: tests", StringComparison.Ordinal);
        Assert.That(packages, Is.GreaterThan(0), build.ToString());
        Assert.That(hook, Is.GreaterThan(packages), build.ToString());
        Assert.That(tests, Is.GreaterThan(hook), build.ToString());

        var again = repo.Build("recipes/base.proj");
        Assert.That(again.Output, Does.Contain("site hook: base building=false").And.Contain("is up to date"), again.ToString());
        Assert.That(again.Output, Does.Not.Contain("stage: "), again.ToString());

        var alone = repo.Build("recipes/app.proj", "-t:CondaSource");
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.ToString());
        Assert.That(Directory.Exists(repo.Path_(".conda-work", "app")), Is.False, alone.ToString());
    }

    /// <summary>
    /// The task assembly targets .NET only: every UsingTask of both SDKs asks for the .NET runtime, which `dotnet
    /// build` satisfies in its own process and MSBuild on .NET Framework (Visual Studio) with a .NET task host.
    /// </summary>
    [Test]
    public void Every_task_of_the_SDKs_is_declared_for_the_dotnet_runtime()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.targets", SearchOption.AllDirectories).ToList();
        var usingTasks = files.SelectMany(f => XDocument.Load(f).Descendants("UsingTask").Select(u => (File: f, Element: u))).ToList();
        Assert.That(usingTasks, Has.Count.GreaterThanOrEqualTo(7));
        foreach (var (file, element) in usingTasks)
            Assert.That((string?)element.Attribute("Runtime"), Is.EqualTo("NET"), $"{file}: {element}");
    }
}
