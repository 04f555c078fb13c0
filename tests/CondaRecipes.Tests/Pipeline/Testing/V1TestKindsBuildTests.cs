using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline.Testing;

/// <summary>
/// A recipe.yaml project built with the real `dotnet build`: its package_contents, python and script tests
/// run after the package is made (their marks checked in the test log), and a failing test stops the build
/// with its code at the test's recipe.yaml line and keeps the package out of the channel.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class V1TestKindsBuildTests
{
    private const string Build = """
        build:
          number: 0
          script:
            - mkdir -p $PREFIX/bin $PREFIX/include $SP_DIR/v1mod
            - printf '#!/bin/sh\necho hello from v1tool\n' > $PREFIX/bin/v1tool
            - chmod +x $PREFIX/bin/v1tool
            - echo 'int v1(void);' > $PREFIX/include/v1.h
            - echo 'VALUE = 7' > $SP_DIR/v1mod/__init__.py
        requirements:
          host:
            - python
          run:
            - python
        """;

    private static void Recipe(TestRepo repo, string tests)
    {
        repo.Write("recipes/v1tested/recipe.yaml", $"""
            context:
              name: v1-tested
            package:
              name: ${"{{"} name {"}}"}
              version: 1.0.0
            {Build}
            {tests}
            """);
        repo.Write("recipes/v1tested/data/expected.txt", "7\n");
        repo.Write("recipes/v1tested.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaPython Include="3.11" /></ItemGroup>
            </Project>
            """);
    }

    [Test]
    public void Package_contents_python_and_script_tests_run_each_in_their_own_environment()
    {
        using var repo = new TestRepo();
        Recipe(repo, """
            tests:
              - package_contents:
                  site_packages: [v1mod]
                  bin: [v1tool]
                  include: [v1.h]
                  files:
                    not_exists: [lib/*.a]
                  strict: true
              - python:
                  imports: [v1mod]
              - script:
                  - v1tool | grep 'hello from v1tool'
                  - test "$(python -c 'import v1mod; print(v1mod.VALUE)')" = "$(cat data/expected.txt)"
                  - echo "test env ok $V1_MARK"
                files:
                  recipe: [data/]
              - script:
                  interpreter: python
                  env:
                    V1_MARK: python-script
                  content: |
                    import os, v1mod
                    print("python script ok", os.environ["V1_MARK"], v1mod.VALUE)
            """);

        var r = repo.Build("recipes/v1tested.proj");

        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var log = File.ReadAllText(Directory.EnumerateFiles(repo.Path_("logs", "v1tested"), "*.test.log").Single());
        Assert.That(log, Does.Contain("package_contents test at line 20: passed"));
        Assert.That(log, Does.Contain("import v1mod"), "the python test imported the module");
        Assert.That(log, Does.Contain("-m pip check"), "pip_check is on by default");
        Assert.That(log, Does.Contain("test env ok \n").Or.Contain("test env ok\n"), "the first script test's environment lacks the other's env");
        Assert.That(log, Does.Contain("python script ok python-script 7"));
        Assert.That(Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "v1-tested-1.0.0-*.conda").Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_failing_package_contents_test_is_CR2180_at_its_line_and_the_package_goes_to_broken()
    {
        using var repo = new TestRepo();
        Recipe(repo, """
            tests:
              - python:
                  imports: [v1mod]
                  pip_check: false
              - package_contents:
                  lib: [v1]
            """);

        var r = repo.Build("recipes/v1tested.proj");

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Match(@"recipe\.yaml\(23\): error CR2180"), r.ToString());
        Assert.That(r.Output, Does.Contain("lib/{,lib}v1.so"), "names the globs the entry stands for");
        Assert.That(Directory.EnumerateFiles(repo.Path_("output", "broken"), "v1-tested-1.0.0-*.conda").Count(), Is.EqualTo(1));
        Assert.That(Directory.Exists(repo.Path_("output", "linux-64")) && Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "*.conda").Any(), Is.False);
    }
}
