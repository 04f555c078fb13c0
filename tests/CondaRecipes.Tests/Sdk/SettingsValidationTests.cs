namespace CondaRecipes.Tests.Sdk;

/// <summary>Bad property values stop the real `dotnet build` before any work, with one coded error each.</summary>
[Parallelizable(ParallelScope.All)]
public class SettingsValidationTests
{
    private static TestRepo DemoRepo()
    {
        var repo = new TestRepo();
        repo.Write("r/demo/meta.yaml", """
            package:
              name: demo
              version: 1.0
            build:
              script: touch "$PREFIX/built-$(date +%s%N)" && touch "$RECIPE_DIR/../../script-ran"
            """);
        repo.Write("r/demo.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        return repo;
    }

    [Test]
    public void Bad_values_are_coded_errors_before_any_build_script_runs_or_anything_is_written()
    {
        using var repo = DemoRepo();
        var marker = repo.Path_("queue-ran");
        var r = repo.Build("r/demo.proj", "-p:CondaSubdir=../evil", "-p:CondaZstdLevel=abc", "-p:CondaForce=maybe",
            "-p:CondaSkipTests=maybe", $"-p:CondaPbsQueue=main$(touch {marker})");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0), r.ToString());
        Assert.That(r.Output, Does.Match(@"demo\.proj.*error CR8121: CondaSubdir '\.\./evil'"));
        Assert.That(r.Output, Does.Contain("error CR8122: CondaZstdLevel 'abc'"));
        Assert.That(r.Output, Does.Contain("error CR8120: CondaForce 'maybe'"));
        Assert.That(r.Output, Does.Contain("error CR8120: CondaSkipTests 'maybe'"));
        Assert.That(r.Output, Does.Contain("error CR8123: CondaPbsQueue 'main$(touch"));
        Assert.That(r.Output, Does.Not.Contain("MSB4030"));
        Assert.That(File.Exists(repo.Path_("script-ran")), Is.False, "no build script ran");
        Assert.That(File.Exists(marker), Is.False);
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False, "nothing reached a channel");
        Assert.That(Directory.Exists(repo.Path_(".conda-work")), Is.False, "no work folder was made");
    }

    [Test]
    public void A_PBS_account_from_the_environment_with_shell_characters_stops_even_a_dry_run()
    {
        using var repo = DemoRepo();
        var marker = repo.Path_("account-ran");
        var r = DotnetCli.Run(repo.Root, ["build", "-nologo", "-nr:false", "r/demo.proj", "-p:CondaScheduler=Pbs", "-p:CondaSchedulerDryRun=true"],
            new Dictionary<string, string?> { ["PBS_ACCOUNT"] = $"acct$(touch {marker})", ["NCAR_HOST"] = "cr-validation-test" });
        Assert.That(r.ExitCode, Is.Not.EqualTo(0), r.ToString());
        Assert.That(r.Output, Does.Contain("error CR8123: The environment variable PBS_ACCOUNT 'acct$(touch"));
        Assert.That(r.Output, Does.Not.Contain("Dry run:"), "no job script was written");
        Assert.That(File.Exists(marker), Is.False);
    }
}
