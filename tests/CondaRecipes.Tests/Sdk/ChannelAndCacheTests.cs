using CondaRecipes.Tests.Channels.Publishing;

namespace CondaRecipes.Tests.Sdk;

/// <summary>The real `dotnet build`: a build into a channel a killed build left removes its leftovers, the
/// package cache is pruned by age when a variant build starts, and -t:CleanCache empties it.</summary>
[Parallelizable(ParallelScope.All)]
public class ChannelAndCacheTests
{
    [Test]
    public void A_build_cleans_leftovers_and_prunes_the_cache_and_CleanCache_empties_it()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/tool/meta.yaml", """
            package:
              name: tool
              version: "1.0"
            """);
        repo.Write("recipes/tool/build.sh", "mkdir -p \"$PREFIX/share/tool\" && echo built > \"$PREFIX/share/tool/built\"\n");
        repo.Write("recipes/tool.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        repo.Write("all.proj", """
            <Project Sdk="CondaRecipes.Traversal">
              <ItemGroup><CondaRecipeProject Include="recipes/*.proj" /></ItemGroup>
            </Project>
            """);
        var cache = repo.Path_("cache");
        var pkgs = Path.Combine(cache, "pkgs");
        // An entry unused for 40 days (default limit 30) and what a publish killed mid-copy left in the channel.
        var stale = Path.Combine(pkgs, "old-1.0-0-0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(stale, "info"));
        File.WriteAllText(Path.Combine(stale, "info", "index.json"), "{}");
        File.WriteAllText(stale + ".use", "");
        File.SetLastWriteTimeUtc(stale + ".use", DateTime.UtcNow.AddDays(-40));
        var leftover = repo.Write($"output/linux-64/.tool-1.0-0.conda.{Guid.NewGuid():N}.tmp", "half a package");
        var cacheArg = $"-p:CondaCacheDir={cache}/";

        var build = repo.Build("all.proj", cacheArg);
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        Assert.That(File.Exists(leftover), Is.False, "the leftover of the killed publish");
        Assert.That(Directory.Exists(stale), Is.False, "the entry unused for 40 days");
        Assert.That(Directory.EnumerateDirectories(pkgs).Select(Path.GetFileName), Has.One.StartsWith("tool-1.0-"), "the test stage's extraction");
        ChannelChecker.AssertConsistent(repo.Path_("output"), "linux-64", "noarch");

        var bad = repo.Build("all.proj", "-t:CleanCache", cacheArg, "-p:CondaCacheMaxSize=lots");
        Assert.That(bad.ExitCode, Is.Not.EqualTo(0));
        Assert.That(bad.Output, Does.Contain("CR8140").And.Contain("CondaCacheMaxSize='lots'"));

        var clean = repo.Build("all.proj", "-t:CleanCache", cacheArg);
        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.ToString());
        Assert.That(Directory.EnumerateDirectories(pkgs), Is.Empty);
        Assert.That(Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "*.conda"), Has.One.Items, "the channel is not the cache");
    }
}
