using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline.Testing;

/// <summary>
/// A recipe.yaml <c>downstream</c> test with the real `dotnet build`: a package that depends on this one,
/// already in the local channel, is installed with the new build and its own tests (packaged in its
/// info/tests/tests.yaml) run against it; a
/// downstream package no channel has is CR2183 at the test's line.
/// </summary>
public class V1DownstreamBuildTests
{
    private static void Upstream(TestRepo repo, string version, string tests) =>
        repo.Write("recipes/upstream/recipe.yaml", $"""
            package:
              name: v1-upstream
              version: {version}
            build:
              number: 0
              noarch: generic
              script:
                - mkdir -p $PREFIX/share
                - echo "upstream $PKG_VERSION" > $PREFIX/share/upstream-version.txt
            {tests}
            """);

    [Test]
    public void The_downstream_package_tests_run_against_the_new_build_and_a_missing_one_is_CR2183()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/upstream.proj", "<Project Sdk=\"CondaRecipes.Sdk\" />");
        repo.Write("recipes/consumer.proj", "<Project Sdk=\"CondaRecipes.Sdk\" />");
        repo.Write("recipes/consumer/recipe.yaml", """
            package:
              name: v1-consumer
              version: 2.0
            build:
              number: 0
              noarch: generic
              script: mkdir -p $PREFIX/share && echo consumer > $PREFIX/share/consumer.txt
            requirements:
              run:
                - v1-upstream >=1.0
            tests:
              - script:
                  - echo "consumer sees $(cat $PREFIX/share/upstream-version.txt)"
                  - test -f $PREFIX/share/consumer.txt
            """);
        Upstream(repo, "1.0", "");
        var first = repo.Build("recipes/upstream.proj");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var consumer = repo.Build("recipes/consumer.proj");
        Assert.That(consumer.ExitCode, Is.EqualTo(0), consumer.ToString());

        Upstream(repo, "1.1", "tests:\n  - downstream: v1-consumer\n");
        var second = repo.Build("recipes/upstream.proj");

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        var log = File.ReadAllText(Directory.EnumerateFiles(repo.Path_("logs", "upstream"), "*.test.log").Single());
        Assert.That(log, Does.Contain("consumer sees upstream 1.1"), "the consumer's own test ran with the new build installed");
        // rattler-build's default build string of a noarch output using no variable: h + sha1 of
        // {"target_platform": "noarch"} (7 hex digits) + _ + build number.
        Assert.That(File.Exists(repo.Path_("output", "noarch", "v1-upstream-1.1-h4616a5c_0.conda")), Is.True,
            string.Join("\n", Directory.EnumerateFiles(repo.Path_("output", "noarch"))));

        Upstream(repo, "1.2", "tests:\n  - downstream: v1-consumer\n  - downstream: v1-nobody-builds-this\n");
        var third = repo.Build("recipes/upstream.proj");

        Assert.That(third.ExitCode, Is.Not.EqualTo(0));
        Assert.That(third.Output, Does.Match(@"recipe\.yaml\(12\): error CR2183"), third.ToString());
        Assert.That(third.Output, Does.Contain("v1-nobody-builds-this"));
        Assert.That(Directory.EnumerateFiles(repo.Path_("output", "noarch"), "v1-upstream-1.2-*"), Is.Empty);
    }
}
