using System.Text.RegularExpressions;

namespace CondaRecipes.Tests.Sdk;

/// <summary>A site's multi-recipe project from the CondaRecipes.Traversal package: Plan, ordered Build, Clean.</summary>
[Parallelizable(ParallelScope.All)]
public class TraversalProjectTests
{
    [Test]
    public void A_traversal_project_plans_builds_in_reference_order_and_cleans_every_recipe()
    {
        using var repo = new TestRepo();
        repo.WriteBaseAndApp("date +%s%N");
        repo.Write("all.proj", """
            <Project Sdk="CondaRecipes.Traversal">
              <ItemGroup><CondaRecipeProject Include="recipes/*.proj" /></ItemGroup>
            </Project>
            """);

        var plan = repo.Build("all.proj", "-t:Plan");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(Regex.Matches(plan.Output, @"output/\S+/(base|app)-1\.0-\S+\.conda\s+\[missing\]").Select(m => m.Groups[1].Value),
            Is.EquivalentTo(new[] { "base", "app" }));

        var build = repo.Build("all.proj", "-m");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        var published = Regex.Matches(build.Output, @"(base|app)-1\.0-\S+\.conda -> ").Select(m => m.Groups[1].Value).ToList();
        Assert.That(published, Is.EqualTo(new[] { "base", "app" }), "base is built before the project referencing it");
        Assert.That(Directory.GetFiles(repo.Path_("output", "linux-64"), "*.conda"), Has.Length.EqualTo(2));

        var clean = repo.Build("all.proj", "-t:Clean", "-p:CondaCleanOutputs=true");
        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.ToString());
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False);
        Assert.That(Directory.Exists(repo.Path_("logs")), Is.False);
        Assert.That(Directory.Exists(repo.Path_(".conda-work", "base")), Is.False);
    }
}
