using System.Text.Json;
using System.Text.RegularExpressions;
using CondaRecipes.Tests.Pipeline;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Site;

/// <summary>
/// A site adopting CondaRecipes in a repository of its own, outside this one: the packages come from a folder
/// feed, the repository from the templates, and nothing in it refers to this repository.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class SiteRepositoryTests
{
    [Test]
    public void The_same_sources_pack_to_identical_bytes()
    {
        var (first, second) = SiteFeed.Shared.SdkPackedTwice;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_site_from_the_templates_builds_two_recipes_into_its_channel_the_second_against_the_first()
    {
        var feed = SiteFeed.Shared;
        string site = feed.NewSite("acme");
        try
        {
            string recipes = Path.Combine(site, "recipes");
            Assert.That(feed.Dotnet(site, "new", "condarecipes-recipe", "-n", "libgreet", "-o", recipes).ExitCode, Is.EqualTo(0));
            var second = feed.Dotnet(site, "new", "condarecipes-recipe", "-n", "greet-tools", "--requires", "libgreet", "-o", recipes);
            Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
            AssertNothingRefersToThisRepository(site);

            var build = feed.Dotnet(site, "build", "all.proj", "-m", "-nologo");
            Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
            var published = Regex.Matches(build.Output, @"(libgreet|greet-tools)-1\.0\.0-acme_0\.conda -> ").Select(m => m.Groups[1].Value);
            Assert.That(published, Is.EqualTo(new[] { "libgreet", "greet-tools" }), "the required recipe is built first");

            string subdir = Path.Combine(site, "output", "linux-64");
            ChannelInspection.AssertRepodataMatchesArchives(subdir);
            using var repodata = JsonDocument.Parse(File.ReadAllText(Path.Combine(subdir, "repodata.json")));
            var tools = repodata.RootElement.GetProperty("packages.conda").GetProperty("greet-tools-1.0.0-acme_0.conda");
            Assert.That(tools.GetProperty("depends").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "libgreet" }));

            string extracted = ChannelInspection.ExtractWithCph(Path.Combine(subdir, "greet-tools-1.0.0-acme_0.conda"));
            Assert.That(File.ReadAllText(Path.Combine(extracted, "share", "greet-tools", "VERSION")).Trim(), Is.EqualTo("1.0.0"));
            ChannelInspection.AssertMatchesPathsJson(extracted);

            // A v1 recipe (recipe.yaml) from the template, requiring libgreet with a Python axis: planned beside them.
            var v1 = feed.Dotnet(site, "new", "condarecipes-recipe", "-n", "greet-py", "--format", "v1", "--python", "--requires", "libgreet", "-o", recipes);
            Assert.That(v1.ExitCode, Is.EqualTo(0), v1.ToString());
            Assert.That(Directory.GetFiles(Path.Combine(recipes, "greet-py")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "recipe.yaml", "build.sh" }));

            var plan = feed.Dotnet(site, "build", "all.proj", "-t:Plan", "-nologo");
            // Each package by its file name (the plan names one in its table and again in its detail line).
            var upToDate = Regex.Matches(plan.Output, @"([^/\s]+)\.conda\s+\[up to date\]|\[up to date\] \S+/([^/\s]+)\.conda")
                .Select(m => m.Groups[1].Value + m.Groups[2].Value).Distinct();
            Assert.That(upToDate, Is.EquivalentTo(new[] { "libgreet-1.0.0-acme_0", "greet-tools-1.0.0-acme_0" }), plan.ToString());
            var missing = Regex.Matches(plan.Output, @"(greet-py-1\.0\.0-acme_py31[12]_0)\.conda\s+\[missing\]").Select(m => m.Groups[1].Value).Distinct();
            Assert.That(missing, Is.EquivalentTo(new[] { "greet-py-1.0.0-acme_py312_0", "greet-py-1.0.0-acme_py311_0" }), plan.ToString());
        }
        finally
        {
            Directory.Delete(site, recursive: true);
        }
    }

    [Test]
    public void A_site_wraps_a_folder_of_existing_recipes_and_plans_them_in_order()
    {
        var feed = SiteFeed.Shared;
        string site = feed.NewSite("acme");
        try
        {
            RecipeFolders.Write(Path.Combine(site, "conda-recipes"));
            RecipeFolders.WriteV1(Path.Combine(site, "conda-recipes"));
            var before = RecipeFolders.Snapshot(Path.Combine(site, "conda-recipes"));

            var wrap = feed.Dotnet(site, "build", "all.proj", "-t:WrapCondaRecipes", "-p:CondaWrapSource=conda-recipes", "-p:CondaWrapPython=3.12", "-nologo");
            Assert.That(wrap.ExitCode, Is.EqualTo(0), wrap.ToString());
            Assert.That(Directory.GetFiles(Path.Combine(site, "recipes"), "*.proj").Select(Path.GetFileName),
                Is.EquivalentTo(new[] { "zlib-lite.proj", "hdf-lite.proj", "pyhdf.proj", "cli-tool.proj", "hdf-py.proj" }));
            Assert.That(RecipeFolders.Snapshot(Path.Combine(site, "conda-recipes")), Is.EqualTo(before));
            AssertNothingRefersToThisRepository(site);

            var plan = feed.Dotnet(site, "build", "all.proj", "-t:Plan", "-nologo");
            Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
            var planned = Regex.Matches(plan.Output, @"output/\S+/(\S+?)-\d[^/\s]*\.conda\s+\[missing\]").Select(m => m.Groups[1].Value).ToList();
            // pyhdf: the two Pythons of its own conda_build_config.yaml; hdf-py (recipe.yaml): the two of its
            // variants.yaml; cli-tool: the wrapper's one.
            Assert.That(planned, Is.EquivalentTo(new[] { "zlib-lite", "hdf-lite", "pyhdf", "pyhdf", "hdf-py", "hdf-py", "cli-tool" }), plan.ToString());

            var again = feed.Dotnet(site, "build", "all.proj", "-t:WrapCondaRecipes", "-p:CondaWrapSource=conda-recipes", "-nologo");
            Assert.That(again.ExitCode, Is.Not.EqualTo(0));
            Assert.That(again.Output, Does.Contain("CR8403"));
        }
        finally
        {
            Directory.Delete(site, recursive: true);
        }
    }

    private static void AssertNothingRefersToThisRepository(string site)
    {
        foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories))
            Assert.That(File.ReadAllText(file), Does.Not.Contain(RepoPaths.Root), file);
    }
}
