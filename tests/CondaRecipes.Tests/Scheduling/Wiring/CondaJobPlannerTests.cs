using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;
using CondaRecipes.Tasks;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tests.Scheduling.Wiring;

/// <summary>How CondaJob items become jobs: names, settings, the command each job runs, and who waits for whom.</summary>
public class CondaJobPlannerTests
{
    private static JobRequest Request(string name, string project, string? python = null, params string[] references) => new()
    {
        Name = name, Project = project, Description = name, PythonVersion = python,
        InnerProperties = python is null ? [] : [$"PythonVersion={python}"],
        ReferencedProjects = references.ToHashSet(), WorkDir = "/repo", JobDir = "/repo/logs/jobs", Dotnet = "/usr/bin/dotnet",
    };

    [Test]
    public void Job_names_keep_to_what_pbs_and_slurm_accept()
    {
        Assert.That(JobNames.For("torch-py3.11_pytorch_version-2.4.1+cu12"), Is.EqualTo("torch-py3.11_pytorch_version-2.4.1-cu12"));
        Assert.That(JobNames.For("3dtool-default"), Is.EqualTo("j-3dtool-default"));
        var a = JobNames.For("verylongrecipe-" + new string('x', 60) + "-a");
        var b = JobNames.For("verylongrecipe-" + new string('x', 60) + "-b");
        Assert.That(a, Has.Length.EqualTo(64));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [TestCase("4000", 4000)]
    [TestCase("500MB", 500)]
    [TestCase("64GB", 65536)]
    [TestCase("64g", 65536)]
    [TestCase("1TB", 1048576)]
    public void Memory_sizes_are_megabytes(string text, int mb) =>
        Assert.That(JobRequest.ParseMemoryMb(text), Is.EqualTo(mb));

    [TestCase("lots")]
    [TestCase("-5")]
    [TestCase("0GB")]
    public void Bad_memory_is_CR8301(string text)
    {
        var e = Assert.Throws<CondaRecipesException>(() => JobRequest.ParseMemoryMb(text, "/r/torch.proj"));
        Assert.That(e!.Code, Is.EqualTo(JobSettingsErrorCodes.InvalidJobSetting));
        Assert.That(e.File, Is.EqualTo("/r/torch.proj"));
        Assert.That(e.Message, Does.Contain(text));
    }

    [Test]
    public void Walltime_is_hours_minutes_seconds()
    {
        Assert.That(JobRequest.ParseWalltime("02:00:00"), Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(JobRequest.ParseWalltime("36:30:05"), Is.EqualTo(new TimeSpan(36, 30, 5)));
        foreach (var bad in new[] { "2h", "120", "1:5:00", "0:00:00", "1:60:00" })
            Assert.That(() => JobRequest.ParseWalltime(bad),
                Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(JobSettingsErrorCodes.InvalidJobSetting), bad);
    }

    [Test]
    public void A_job_waits_for_the_same_python_of_a_referenced_project_and_for_its_jobs_without_python()
    {
        var jobs = new[]
        {
            Request("nccl-default", "/r/nccl.proj"),
            Request("jaxlib-py3.11", "/r/jaxlib.proj", "3.11"),
            Request("jaxlib-py3.12", "/r/jaxlib.proj", "3.12"),
            Request("mpi4jax-py3.11", "/r/mpi4jax.proj", "3.11", "/r/jaxlib.proj", "/r/nccl.proj"),
            Request("mpi4jax-py3.10", "/r/mpi4jax.proj", "3.10", "/r/jaxlib.proj"),
            Request("tool-default", "/r/tool.proj", null, "/r/jaxlib.proj"),
        };
        Assert.That(JobPlanner.Dependencies(jobs[3], jobs), Is.EquivalentTo(new[] { "jaxlib-py3.11", "nccl-default" }));
        // No jaxlib for Python 3.10 in this run: wait for all of them rather than for none.
        Assert.That(JobPlanner.Dependencies(jobs[4], jobs), Is.EquivalentTo(new[] { "jaxlib-py3.11", "jaxlib-py3.12" }));
        Assert.That(JobPlanner.Dependencies(jobs[5], jobs), Is.EquivalentTo(new[] { "jaxlib-py3.11", "jaxlib-py3.12" }));
        Assert.That(JobPlanner.Dependencies(jobs[0], jobs), Is.Empty);
    }

    [Test]
    public void The_command_builds_one_variant_locally_with_the_users_other_properties()
    {
        var r = Request("mpi4py-py3.11", "/r/mpi4py.proj", "3.11") with { InnerProperties = ["PythonVersion=3.11", "Mpi4pyVersion=4.0.3"] };
        var globals = new Dictionary<string, string>
        {
            ["CondaScheduler"] = "Slurm", ["CondaSchedulerDryRun"] = "true", ["CondaBuildTasksFromSource"] = "true",
            ["CondaForce"] = "true", ["PythonVersion"] = "3.11;3.12", ["_CondaInnerBuild"] = "true",
            // As MSBuild hands global properties to a task: in their escaped form (-p:CondaSiteLabel=a%3Bb%24c is "a;b$c").
            ["MSBuildRestoreSessionId"] = "x", ["CondaSiteLabel"] = "a%3Bb%24c",
        };
        var command = JobPlanner.Command(r, globals);
        Assert.That(command.SkipWhile(a => a != "/usr/bin/dotnet"), Is.EqualTo(new[]
        {
            "/usr/bin/dotnet", "build", "/r/mpi4py.proj", "-nologo", "-nr:false", "-clp:NoSummary",
            "-p:CondaScheduler=Local", "-p:CondaBuildTasksFromSource=false", "-p:BuildProjectReferences=false", "-m:1",
            "-p:CondaForce=true", "-p:CondaSiteLabel=a%3Bb%24c",
            "-p:PythonVersion=3.11", "-p:Mpi4pyVersion=4.0.3",
        }));
        // The node's dotnet must find its own MSBuild, not the submitting host's.
        Assert.That(command.Take(3), Is.EqualTo(new[] { "env", "-u", "MSBuildExtensionsPath" }));
    }

    [Test]
    public void Repeated_items_are_submitted_once_and_a_name_clash_is_CR8306()
    {
        var a = Request("lib-default", "/r/lib.proj");
        Assert.That(JobPlanner.Distinct([a, a with { }]), Has.Count.EqualTo(1));
        var e = Assert.Throws<CondaRecipesException>(() => JobPlanner.Distinct([a, Request("lib-default", "/other/lib.proj")]));
        Assert.That(e!.Code, Is.EqualTo(JobSettingsErrorCodes.DuplicateJobName));
        Assert.That(e.Hint, Does.Contain("CondaRecipeName"));
    }

    [Test]
    public void Variants_differing_only_in_punctuation_are_distinct_jobs_of_one_project()
    {
        var ids = new[] { "a b", "a-b", "a/b", "a;b" }
            .Select(v => new CondaRecipes.Recipes.Matrix.Variant([KeyValuePair.Create("TAG", v)]).Id).ToList();
        var jobs = ids.Select(id => Request(JobNames.For("lib-" + id), "/r/lib.proj") with { InnerProperties = [$"CondaVariantId={id}"] }).ToList();
        var names = JobPlanner.Distinct(jobs).Select(j => j.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.Count.EqualTo(4));
        // Only what job names cannot hold merges two variants of one project; the hint then says so, not CondaRecipeName.
        var plus = Request("lib-tag-1-cu12", "/r/lib.proj") with { InnerProperties = ["x=1+cu12"] };
        var minus = Request("lib-tag-1-cu12", "/r/lib.proj") with { InnerProperties = ["x=1-cu12"] };
        var e = Assert.Throws<CondaRecipesException>(() => JobPlanner.Distinct([plus, minus]));
        Assert.That(e!.Hint, Does.Not.Contain("CondaRecipeName").And.Contain("'+'"));
    }

    [Test]
    public void Items_read_their_settings_and_reject_bad_ones()
    {
        var item = new TaskItem("torch-py3.11");
        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["Project"] = "/r/torch.proj", ["WorkDir"] = "/r/", ["JobDir"] = "/r/logs/jobs/", ["Cpus"] = "128",
                     ["Walltime"] = "02:00:00", ["Memory"] = "200GB", ["Queue"] = "main", ["PassEnvironment"] = "Names",
                     ["PassEnvironmentNames"] = "PATH;HOME", ["ReferencedProjects"] = "/r/nccl.proj", ["PythonVersion"] = "3.11",
                 })
            item.SetMetadata(k, v);
        var r = SubmitCondaJobs.RequestOf(item);
        Assert.That((r.Cpus, r.Walltime, r.MemoryMb, r.Queue, r.PassEnvironment), Is.EqualTo((128, TimeSpan.FromHours(2), 204800, "main", EnvironmentPassing.Names)));
        Assert.That(r.PassEnvironmentNames, Is.EqualTo(new[] { "PATH", "HOME" }));
        Assert.That(r.ReferencedProjects, Is.EquivalentTo(new[] { "/r/nccl.proj" }));

        item.SetMetadata("PassEnvironmentNames", "");
        Assert.That(() => SubmitCondaJobs.RequestOf(item),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(JobSettingsErrorCodes.InvalidEnvironmentPassing));
        item.SetMetadata("PassEnvironment", "All");
        item.SetMetadata("Cpus", "0");
        Assert.That(() => SubmitCondaJobs.RequestOf(item),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(JobSettingsErrorCodes.InvalidJobSetting));
        item.SetMetadata("Cpus", "4");
        item.SetMetadata("WorkDir", "relative");
        Assert.That(() => SubmitCondaJobs.RequestOf(item),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(JobSettingsErrorCodes.InvalidJobSetting));
    }
}
