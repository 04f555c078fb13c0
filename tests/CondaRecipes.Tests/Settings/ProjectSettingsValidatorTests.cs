using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;
using CondaRecipes.Settings;

namespace CondaRecipes.Tests.Settings;

/// <summary>The rules every property and item value passes before any work starts.</summary>
public class ProjectSettingsValidatorTests
{
    private const string Project = "/site/recipes/demo.proj";

    private static IReadOnlyList<CondaRecipesException> Validate(Dictionary<string, string> properties,
        Dictionary<string, string>? environment = null, string[]? envItems = null, string[]? pythons = null, string[]? modules = null) =>
        ProjectSettingsValidator.Validate(new ProjectSettings
        {
            ProjectFile = Project, Properties = properties,
            EnvironmentNames = envItems ?? [], Pythons = pythons ?? [], Modules = modules ?? [],
            GetEnvironment = name => environment?.GetValueOrDefault(name), HostName = "login1",
        });

    private static CondaRecipesException Single(string property, string value)
    {
        var problems = Validate(new() { [property] = value });
        Assert.That(problems, Has.Count.EqualTo(1), $"{property}={value}: {string.Join("; ", problems.Select(p => p.Message))}");
        Assert.That(problems[0].Message, Does.Contain(property).And.Contain(value), "the message names the property and the value");
        Assert.That(problems[0].File, Is.EqualTo(Project));
        return problems[0];
    }

    [Test]
    public void The_SDK_defaults_are_valid()
    {
        var defaults = new Dictionary<string, string>
        {
            ["CondaSubdir"] = "linux-64", ["CondaZstdLevel"] = "19", ["CondaPackageFormat"] = "conda", ["CondaBuildEngine"] = "native",
            ["CondaForce"] = "false", ["CondaSkipTests"] = "false", ["CondaErrorOverlinking"] = "false", ["CondaSchedulerDryRun"] = "false",
            ["CondaBuildUseOutputChannel"] = "true", ["EnableCondaBuildBootstrap"] = "true", ["CondaScheduler"] = "Local",
            ["CondaSchedulerPollMax"] = "30", ["CondaPbsAccount"] = "", ["CondaPbsQueue"] = "main", ["CondaPbsJobPriority"] = "",
            ["CondaSlurmAccount"] = "", ["CondaSlurmPartition"] = "", ["CondaJobWalltime"] = "01:00:00", ["CondaJobCpus"] = "1",
            ["CondaJobGpus"] = "", ["CondaJobMemory"] = "", ["CondaJobPassEnvironment"] = "All", ["CondaJobPassEnvironmentNames"] = "",
        };
        Assert.That(Validate(defaults), Is.Empty);
    }

    [TestCase("linux-64")] [TestCase("linux-aarch64")] [TestCase("linux-ppc64le")] [TestCase("osx-64")]
    [TestCase("osx-arm64")] [TestCase("win-64")] [TestCase("noarch")]
    public void Known_subdirs_are_accepted(string subdir) =>
        Assert.That(Validate(new() { ["CondaSubdir"] = subdir }), Is.Empty);

    [TestCase("../evil")] [TestCase("linux-64/../x")] [TestCase("Linux-64")] [TestCase("")] [TestCase("linux_64")]
    public void Other_subdirs_are_CR8121_listing_the_known_ones(string subdir)
    {
        var e = Single("CondaSubdir", subdir);
        Assert.That(e.Code, Is.EqualTo("CR8121"));
        Assert.That(e.Message, Does.Contain("linux-64").And.Contain("osx-arm64").And.Contain("noarch"));
    }

    [TestCase("1")] [TestCase("22")] [TestCase(" 3 ")]
    public void Zstd_levels_1_to_22_are_accepted(string level) =>
        Assert.That(Validate(new() { ["CondaZstdLevel"] = level }), Is.Empty);

    [TestCase("abc")] [TestCase("99")] [TestCase("0")] [TestCase("-1")] [TestCase("23")] [TestCase("1.5")] [TestCase("")]
    public void Other_zstd_levels_are_CR8122(string level)
    {
        var e = Single("CondaZstdLevel", level);
        Assert.That(e.Code, Is.EqualTo("CR8122"));
        Assert.That(e.Message, Does.Contain("1 to 22"));
    }

    [TestCase("true")] [TestCase("False")] [TestCase("TRUE")] [TestCase("on")] [TestCase("no")] [TestCase("!false")]
    public void Booleans_as_MSBuild_spells_them_are_accepted(string value)
    {
        foreach (var property in ProjectSettingsValidator.BooleanProperties)
            Assert.That(Validate(new() { [property] = value }), Is.Empty, property);
    }

    [TestCase("maybe")] [TestCase("1")] [TestCase("")] [TestCase("truee")]
    public void Other_booleans_are_CR8120_for_each_property(string value)
    {
        foreach (var property in ProjectSettingsValidator.BooleanProperties)
        {
            var e = Single(property, value);
            Assert.That(e.Code, Is.EqualTo("CR8120"));
            Assert.That(e.Message, Does.Contain("true or false"));
        }
    }

    [TestCase("CondaPbsAccount", "NTDD0004")] [TestCase("CondaPbsAccount", "ucar_cisl-1.x")]
    [TestCase("CondaPbsQueue", "main")] [TestCase("CondaPbsQueue", "develop@desched1")] [TestCase("CondaPbsQueue", "casper@pbs.ucar.edu:15001")]
    [TestCase("CondaPbsJobPriority", "premium")] [TestCase("CondaSlurmAccount", "proj-42")]
    [TestCase("CondaSlurmPartition", "debug")] [TestCase("CondaSlurmPartition", "gpu,cpu.big")]
    public void Scheduler_names_are_accepted(string property, string value) =>
        Assert.That(Validate(new() { [property] = value }), Is.Empty);

    [TestCase("CondaPbsAccount", "acct$(touch x)")] [TestCase("CondaPbsAccount", "a b")] [TestCase("CondaPbsAccount", "a;b")]
    [TestCase("CondaPbsQueue", "main$(touch x)")] [TestCase("CondaPbsQueue", "main`id`")] [TestCase("CondaPbsQueue", "-q")]
    [TestCase("CondaPbsJobPriority", "regular|x")] [TestCase("CondaSlurmAccount", "x'y")]
    [TestCase("CondaSlurmPartition", "main$(touch x)")] [TestCase("CondaSlurmPartition", "a,,b")] [TestCase("CondaSlurmPartition", "a\nb")]
    public void Scheduler_names_with_other_characters_are_CR8123_naming_the_allowed_ones(string property, string value)
    {
        var e = Single(property, value);
        Assert.That(e.Code, Is.EqualTo("CR8123"));
        Assert.That(e.Message, Does.Contain("letters, digits"));
    }

    [Test]
    public void The_PBS_account_from_the_environment_is_checked_when_submitting_to_PBS()
    {
        var problems = Validate(new() { ["CondaScheduler"] = "Pbs", ["CondaPbsAccount"] = "" },
            new() { ["PBS_ACCOUNT"] = "acct$(touch /tmp/x)" });
        Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { "CR8123" }));
        Assert.That(problems[0].Message, Does.Contain("PBS_ACCOUNT").And.Contain("acct$(touch /tmp/x)"));

        var perHost = Validate(new() { ["CondaScheduler"] = "Pbs" }, new() { ["PBS_ACCOUNT_LOGIN1"] = "x;y", ["PBS_ACCOUNT"] = "fine" });
        Assert.That(perHost.Single().Message, Does.Contain("PBS_ACCOUNT_LOGIN1"));

        Assert.That(Validate(new() { ["CondaScheduler"] = "Pbs" }, new() { ["PBS_ACCOUNT"] = "NTDD0004" }), Is.Empty);
        Assert.That(Validate(new() { ["CondaScheduler"] = "Pbs" }).Single().Code, Is.EqualTo(SchedulingErrorCodes.NoAccount));
        Assert.That(Validate(new() { ["CondaScheduler"] = "Local" }, new() { ["PBS_ACCOUNT"] = "x;y" }), Is.Empty, "not read unless submitting to PBS");
        Assert.That(Validate(new() { ["CondaScheduler"] = "Pbs", ["CondaPbsAccount"] = "ok" }, new() { ["PBS_ACCOUNT"] = "x;y" }), Is.Empty,
            "the property wins over the environment");
    }

    [TestCase("CondaJobWalltime", "2h")] [TestCase("CondaJobWalltime", "00:00:00")] [TestCase("CondaJobCpus", "0")]
    [TestCase("CondaJobCpus", "four")] [TestCase("CondaJobGpus", "-1")] [TestCase("CondaJobMemory", "lots")]
    [TestCase("CondaSchedulerPollMax", "0")] [TestCase("CondaSchedulerPollMax", "forever")]
    public void Job_settings_are_CR8301(string property, string value) =>
        Assert.That(Single(property, value).Code, Is.EqualTo(JobSettingsErrorCodes.InvalidJobSetting));

    [Test]
    public void Package_format_and_engine_use_their_readers_codes()
    {
        Assert.That(Single("CondaPackageFormat", "zip").Code, Is.EqualTo("CR8104"));
        Assert.That(Single("CondaBuildEngine", "mamba").Code, Is.EqualTo("CR8201"));
        Assert.That(Single("CondaJobPassEnvironment", "some").Code, Is.EqualTo(JobSettingsErrorCodes.InvalidEnvironmentPassing));
    }

    [Test]
    public void Every_invalid_value_is_reported_not_only_the_first()
    {
        var problems = Validate(new() { ["CondaSubdir"] = "../evil", ["CondaZstdLevel"] = "abc", ["CondaForce"] = "maybe", ["CondaPbsQueue"] = "main$(id)" });
        Assert.That(problems.Select(p => p.Code), Is.EquivalentTo(new[] { "CR8121", "CR8122", "CR8120", "CR8123" }));
    }

    [Test]
    public void Items_are_checked()
    {
        var problems = Validate([], envItems: ["GOOD_NAME", "BAD-NAME", "1X"], pythons: ["3.12", "3.11.9", "3.x", "3.12;rm"],
            modules: ["cuda/12.2.1", "cray-mpich/8.1.27", "gcc$(id)", "a b"]);
        Assert.That(problems.Where(p => p.Code == "CR8124").Select(p => p.Message),
            Has.Exactly(4).Items.And.Some.Contains("BAD-NAME").And.Some.Contains("1X").And.Some.Contains("3.x").And.Some.Contains("3.12;rm"));
        Assert.That(problems.Where(p => p.Code == "CR8125").Select(p => p.Message),
            Has.Exactly(2).Items.And.Some.Contains("gcc$(id)").And.Some.Contains("a b"));
    }
}

public class ChannelItemValidationTests
{
    [Test]
    public void A_CondaChannel_folder_that_does_not_exist_is_CR8126_but_the_output_channel_may_be_absent()
    {
        var root = Directory.CreateTempSubdirectory("cr-channel-items-").FullName;
        try
        {
            var existing = Directory.CreateDirectory(Path.Combine(root, "site-channel")).FullName;
            var output = Path.Combine(root, "output") + "/";
            var missing = Path.Combine(root, "typo-channel");
            var problems = ProjectSettingsValidator.Validate(new ProjectSettings
            {
                ProjectFile = "/p/demo.proj", OutputDir = output,
                Channels = [existing, "file://" + existing, "conda-forge", "https://conda.anaconda.org/conda-forge", output.TrimEnd('/'), missing, "file://" + missing],
            });
            Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { "CR8126", "CR8126" }));
            Assert.That(problems[0].Message, Does.Contain(missing));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}

/// <summary>The submit-argument builders refuse what the validator refuses, whatever path a value took to them.</summary>
public class SchedulerNamesAtSubmissionTests
{
    private static JobSpec Spec(string? account = null, string? queue = null, string? priority = null) => new()
    {
        Name = "demo-py312", ScriptPath = "/w/job.sh", WorkDir = "/w", LogPath = "/w/job.log", SentinelPath = "/w/job.exit",
        Account = account, Queue = queue, JobPriority = priority,
    };

    [Test]
    public void Qsub_and_sbatch_arguments_refuse_shell_characters()
    {
        Assert.That(() => PbsBackend.BuildSubmitArguments(Spec(queue: "main$(touch x)"), "acct"),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo("CR8123").And.Message.Contains("PBS queue"));
        Assert.That(() => PbsBackend.BuildSubmitArguments(Spec(), "acct$(touch x)"),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo("CR8123").And.Message.Contains("PBS account"));
        Assert.That(() => PbsBackend.BuildSubmitArguments(Spec(priority: "a b"), "acct"),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo("CR8123"));
        Assert.That(() => SlurmBackend.BuildSubmitArguments(Spec(account: "a`id`")),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo("CR8123").And.Message.Contains("Slurm account"));
        Assert.That(() => SlurmBackend.BuildSubmitArguments(Spec(queue: "main;id")),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo("CR8123").And.Message.Contains("Slurm partition"));
        Assert.That(PbsBackend.BuildSubmitArguments(Spec(queue: "main", priority: "premium"), "NTDD0004"), Does.Contain("NTDD0004"));
        Assert.That(SlurmBackend.BuildSubmitArguments(Spec(account: "proj", queue: "debug,gpu")), Does.Contain("--partition=debug,gpu"));
    }
}
