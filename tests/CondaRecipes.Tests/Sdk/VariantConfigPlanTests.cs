using System.Text.RegularExpressions;

namespace CondaRecipes.Tests.Sdk;

/// <summary>The variant config files through the real `dotnet build -t:Plan`.</summary>
public class VariantConfigPlanTests
{
    [Test]
    public void Plan_reads_the_recipe_and_site_config_files_and_shows_the_used_variables()
    {
        using var repo = new TestRepo();
        repo.Write("r/solver/meta.yaml", """
            package:
              name: solver
              version: 2.0
            requirements:
              host:
                - python
                - mpi
              run:
                - python
            """);
        repo.Write("r/solver/conda_build_config.yaml", """
            mpi:
              - openmpi
              - mpich
            unused_flavour:
              - a
              - b
              - c
            """);
        repo.Write("r/site.yaml", "python:\n  - 3.11\n  - 3.12\nmpi:\n  - impi\n");
        repo.Write("r/solver.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup>
                <CondaVariantConfig Include="$(MSBuildThisFileDirectory)site.yaml" />
              </ItemGroup>
            </Project>
            """);
        var r = repo.Build("r/solver.proj", "-t:Plan");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        // python from the site file, mpi from the recipe's (it wins), unused_flavour collapses: 2 × 2.
        Assert.That(r.Output, Does.Contain("solver: 4 variants"));
        var uses = Regex.Matches(r.Output, @"uses: (.+)").Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.That(uses, Is.EquivalentTo(new[]
        {
            "mpi=openmpi python=3.11 target_platform=linux-64", "mpi=mpich python=3.11 target_platform=linux-64",
            "mpi=openmpi python=3.12 target_platform=linux-64", "mpi=mpich python=3.12 target_platform=linux-64",
        }));

        // A file on the command line beats the recipe's; narrowing applies last.
        repo.Write("cli.yaml", "mpi:\n  - impi\n");
        var narrowed = repo.Build("r/solver.proj", "-t:Plan", "-p:PythonVersion=3.12", "-p:CondaVariantConfigFiles=../cli.yaml");
        Assert.That(narrowed.ExitCode, Is.EqualTo(0), narrowed.ToString());
        Assert.That(Regex.Matches(narrowed.Output, @"uses: (.+)").Select(m => m.Groups[1].Value.Trim()),
            Is.EqualTo(new[] { "mpi=impi python=3.12 target_platform=linux-64" }));

        var missing = repo.Build("r/solver.proj", "-t:Plan", "-p:CondaVariantConfigFiles=../absent.yaml");
        Assert.That(missing.ExitCode, Is.Not.EqualTo(0), "a missing command-line file is an error");
        Assert.That(missing.Output, Does.Contain("error CR1107"));
    }
}
