using System.Text.RegularExpressions;

namespace CondaRecipes.Tests.Sdk;

/// <summary>The Plan target on the real mpi4py recipe, coded errors through MSBuild, design-time builds.</summary>
[Parallelizable(ParallelScope.All)]
public class PlanAndErrorTests
{
    private static TestRepo RepoWithRecipes()
    {
        var repo = new TestRepo();
        repo.CopyFromRepository("recipes");
        return repo;
    }

    private static List<string> PlannedFiles(string output) =>
        Regex.Matches(output, @"output/linux-64/(\S+\.conda)\s+\[(\w[^\]]*)\]").Select(m => m.Groups[1].Value).ToList();

    [Test]
    public void Plan_lists_the_six_mpi4py_variants_with_their_package_files()
    {
        using var repo = RepoWithRecipes();
        var r = repo.Build("recipes/mpi4py.proj", "-t:Plan");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Output, Does.Contain("mpi4py: 6 variants"));
        var files = PlannedFiles(r.Output);
        Assert.That(files, Has.Count.EqualTo(6));
        foreach (var py in new[] { "3.12", "3.11", "3.10" })
        foreach (var v in new[] { "4.0.3", "3.1.6" })
            Assert.That(files, Has.One.Match($@"^mpi4py-{Regex.Escape(v)}-derecho_.*_py{Regex.Escape(py)}_1000\.conda$"));
        Assert.That(Regex.Matches(r.Output, @"\.conda\s+\[missing\]").Count, Is.EqualTo(6));
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False, "Plan builds nothing");
    }

    [Test]
    public void Plan_with_an_unlisted_version_lists_it_for_every_python()
    {
        using var repo = RepoWithRecipes();
        var r = repo.Build("recipes/mpi4py.proj", "-t:Plan", "-p:Mpi4pyVersion=4.0.0");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var files = PlannedFiles(r.Output);
        Assert.That(files, Has.Count.EqualTo(3));
        Assert.That(files, Has.All.StartWith("mpi4py-4.0.0-"));
    }

    [Test]
    public void An_unset_environment_variable_is_a_coded_error_at_its_recipe_line()
    {
        using var repo = new TestRepo();
        repo.Write("r/demo/meta.yaml", """
            package:
              name: demo
              version: 1.0
            build:
              string: {{ environ.get('NCAR_BUILD_ENV').replace('-', '_') }}_{{ PKG_BUILDNUM }}
            """);
        repo.Write("r/demo.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var r = repo.Build("r/demo.proj", "-t:Plan");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Match(@"demo/meta\.yaml\(5(,\d+)?\): error CR1005: .*NCAR_BUILD_ENV"));
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False);
    }

    [Test]
    public void Malformed_yaml_is_a_coded_error_at_its_template_line()
    {
        using var repo = new TestRepo();
        repo.Write("r/demo/meta.yaml", """
            {% set v = "1.0" %}
            package:
              name: demo
              version: {{ v }}
            requirements:
              run: [unclosed
            """);
        repo.Write("r/demo.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var r = repo.Build("r/demo.proj");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Match(@"demo/meta\.yaml\([67](,\d+)?\): error CR1002"));
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False, "nothing is written for a variant that fails to render");
    }

    [Test]
    public void A_missing_recipe_folder_is_a_coded_error_naming_the_project()
    {
        using var repo = new TestRepo();
        repo.Write("r/ghost.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var r = repo.Build("r/ghost.proj");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("ghost.proj : error CR8102: The recipe folder"));
    }

    [Test]
    public void A_design_time_build_evaluates_quickly_and_builds_nothing()
    {
        using var repo = RepoWithRecipes();
        var r = repo.Build("recipes/mpi4py.proj", "-p:DesignTimeBuild=true",
            "-t:Build;CompileDesignTime;ResolveAssemblyReferencesDesignTime;ResolveProjectReferencesDesignTime2;CollectPackageReferences");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False);
        Assert.That(Directory.Exists(repo.Path_(".conda-work")), Is.False);
        Assert.That(r.Output, Does.Not.Contain("building "));
    }
}
