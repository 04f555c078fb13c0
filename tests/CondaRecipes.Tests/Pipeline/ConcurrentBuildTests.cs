using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// Two `dotnet build`s of one project at once (two terminals, or batch jobs of the same variant on nodes sharing
/// the file system): the second waits for the first's variant lock, says so, then finds the package up to date.
/// </summary>
public class ConcurrentBuildTests
{
    [Test, CancelAfter(400_000)]
    public async Task Two_builds_of_one_project_at_once_take_turns_and_lose_nothing()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/slow/meta.yaml", """
            package:
              name: slow
              version: 1.0.{{ environ['N'] }}
            build:
              number: 0
            """);
        // Long enough that the second build starts while the first is inside build.sh.
        repo.Write("recipes/slow/build.sh", "sleep 6\nmkdir -p $PREFIX/share && echo $PKG_VERSION > $PREFIX/share/slow.txt\n");
        repo.Write("recipes/slow.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaVariant Include="N" Values="1;2" /></ItemGroup>
            </Project>
            """);

        var first = Task.Run(() => repo.Build("recipes/slow.proj", "-m:2"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var second = Task.Run(() => repo.Build("recipes/slow.proj", "-m:2"));
        var results = await Task.WhenAll(first, second);
        foreach (var r in results) TestContext.Out.WriteLine(r);

        Assert.That(results.Select(r => r.ExitCode), Is.All.EqualTo(0), string.Join("\n----\n", results.Select(r => r.ToString())));
        var all = string.Join("\n", results.Select(r => r.Output));
        // Each variant was built once; the build that waited said for whom, then skipped it.
        Assert.That(System.Text.RegularExpressions.Regex.Matches(all, @"slow N=\d: building ").Count, Is.EqualTo(2), all);
        Assert.That(all, Does.Contain("waiting for another build of this variant (").And.Contain(" pid "));
        Assert.That(all, Does.Contain("is up to date (built by the build it waited for)"));

        var subdir = repo.Path_("output", "linux-64");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(subdir, "repodata.json")));
        Assert.That(doc.RootElement.GetProperty("packages.conda").EnumerateObject().Count(), Is.EqualTo(2));
        ChannelInspection.AssertRepodataMatchesArchives(subdir);
    }

    [Test, CancelAfter(300_000)]
    public void Values_differing_only_in_punctuation_build_apart_and_stay_up_to_date()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/tags/meta.yaml", """
            package:
              name: tags
              version: 1.0
            build:
              number: 0
            about:
              summary: tagged {{ environ['TAG'] }}
            """);
        repo.Write("recipes/tags/build.sh", "mkdir -p $PREFIX/share && printf '%s' \"$TAG\" > $PREFIX/share/tag.txt\n");
        // %253B is a literal ';' inside one value (VariableCodec).
        repo.Write("recipes/tags.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaVariant Include="TAG" Values="a b;a-b;a/b;a%253Bb" /></ItemGroup>
            </Project>
            """);
        var built = repo.Build("recipes/tags.proj");
        Assert.That(built.ExitCode, Is.EqualTo(0), built.ToString());
        var stamps = Directory.GetFiles(repo.Path_(".conda-work", "tags", "stamps"), "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.That(stamps, Has.Count.EqualTo(4), string.Join(", ", stamps));
        Assert.That(stamps, Does.Contain("tag-a-b.json"), "the ordinary value keeps today's id");
        Assert.That(Directory.GetFiles(repo.Path_("logs", "tags"), "*.log"), Has.Length.EqualTo(4));
        Assert.That(Directory.GetFiles(repo.Path_("output", "linux-64"), "tags-1.0-*.conda"), Has.Length.EqualTo(4));

        var again = repo.Build("recipes/tags.proj");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Output, Does.Not.Contain(": building "), "no variant rebuilds another's");
        Assert.That(System.Text.RegularExpressions.Regex.Matches(again.Output, "is up to date").Count, Is.EqualTo(4), again.Output);
    }
}
