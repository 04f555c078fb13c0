using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>What a failing build, a failing test and parallel builds do to the channel.</summary>
[Parallelizable(ParallelScope.All)]
public class FailureAndConcurrencyTests
{
    private static void Recipe(TestRepo repo, string name, string version, string buildSh, string test = "", string proj = "")
    {
        repo.Write($"recipes/{name}/meta.yaml", $"""
            package:
              name: {name}
              version: {version}
            build:
              number: 0
            {test}
            """);
        repo.Write($"recipes/{name}/build.sh", buildSh);
        repo.Write($"recipes/{name}.proj", $"""<Project Sdk="CondaRecipes.Sdk">{proj}</Project>""");
    }

    private const string InstallsAFile = "mkdir -p $PREFIX/share && echo $PKG_VERSION > $PREFIX/share/$PKG_NAME.txt\n";

    [Test]
    public void A_failing_build_script_leaves_no_package_and_an_unchanged_repodata()
    {
        using var repo = new TestRepo();
        Recipe(repo, "good", "1.0", InstallsAFile);
        Assert.That(repo.Build("recipes/good.proj").ExitCode, Is.EqualTo(0));
        var repodata = repo.Path_("output", "linux-64", "repodata.json");
        var before = File.ReadAllBytes(repodata);

        Recipe(repo, "bad", "2.0", "echo compiling; echo 'fatal: broken' >&2; exit 3\n");
        var r = repo.Build("recipes/bad.proj");

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR2104: The build script of bad (default) failed with exit code 3"));
        Assert.That(r.Output, Does.Contain("fatal: broken"), "the error shows the log's last lines");
        Assert.That(r.Output, Does.Contain(Path.Combine("logs", "bad", "default.log")));
        Assert.That(Directory.EnumerateFiles(repo.Path_("output"), "bad-*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.ReadAllBytes(repodata), Is.EqualTo(before));
    }

    [Test]
    public void A_failing_test_moves_the_package_to_broken_and_keeps_it_out_of_the_channel()
    {
        using var repo = new TestRepo();
        Recipe(repo, "untested", "1.0", InstallsAFile, """
            test:
              commands:
                - test -f $PREFIX/share/untested.txt
                - grep -q 9.9 $PREFIX/share/untested.txt
            """);
        var r = repo.Build("recipes/untested.proj");

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR2108"));
        Assert.That(File.Exists(repo.Path_("output", "broken", "untested-1.0-0.conda")));
        Assert.That(File.Exists(repo.Path_("output", "linux-64", "untested-1.0-0.conda")), Is.False);
        Assert.That(File.Exists(repo.Path_("logs", "untested", "default.test.log")));

        var skipped = repo.Build("recipes/untested.proj", "-p:CondaSkipTests=true");
        Assert.That(skipped.ExitCode, Is.EqualTo(0), skipped.ToString());
        Assert.That(File.Exists(repo.Path_("output", "linux-64", "untested-1.0-0.conda")));
        Assert.That(File.Exists(repo.Path_("output", "broken", "repodata.json")), Is.False, "broken/ is not a channel subdir");
    }

    [Test]
    public void Eight_variants_building_in_parallel_into_one_channel_lose_nothing()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/par/meta.yaml", """
            package:
              name: par-demo
              version: 1.0.{{ environ['N'] }}
            build:
              number: 0
            """);
        repo.Write("recipes/par/build.sh", InstallsAFile);
        repo.Write("recipes/par.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaVariant Include="N" Values="1;2;3;4;5;6;7;8" /></ItemGroup>
            </Project>
            """);
        var r = repo.Build("recipes/par.proj", "-m:8");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        using var doc = JsonDocument.Parse(File.ReadAllText(repo.Path_("output", "linux-64", "repodata.json")));
        var names = doc.RootElement.GetProperty("packages.conda").EnumerateObject().Select(p => p.Name).Order().ToList();
        // The variable N is used by the recipe, so conda-build's default build string carries its hash.
        Assert.That(names, Has.Count.EqualTo(8));
        for (var i = 1; i <= 8; i++)
            Assert.That(names[i - 1], Does.Match($@"^par-demo-1\.0\.{i}-h[0-9a-f]{{7}}_0\.conda$"));
        ChannelInspection.AssertRepodataMatchesArchives(repo.Path_("output", "linux-64"));
    }
}
