using System.Text.RegularExpressions;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Scheduling.Wiring;

/// <summary>A recipe.yaml project built as Slurm jobs: one variant of samples/v1split through the local Slurm.</summary>
[TestFixture]
public class V1SlurmBuildTests
{
    [OneTimeSetUp]
    public void StartSlurm() => LocalSlurm.EnsureStarted();

    [Test, CancelAfter(600_000)]
    public void One_variant_of_the_v1_sample_builds_as_a_slurm_job_into_the_channel()
    {
        using var repo = new TestRepo();
        repo.CopyFromRepository("samples");
        var r = repo.Build("samples/v1split.proj", "-p:CondaScheduler=Slurm", "-p:PythonVersion=3.12", "-p:CondaSchedulerPollMax=2");
        TestContext.Out.WriteLine(r);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(Regex.IsMatch(r.Output, @"submitted as slurm job \d+"), r.Output);
        Assert.That(r.Output, Does.Contain("slurm jobs: 1 succeeded, 0 failed, 0 not run, 0 cancelled."));
        // The job's stages, read from its log, reach the submitting build's output as a local build's do.
        Assert.That(r.Output, Does.Match(@"(?m)^\s*v1split-\S+: .*: stage: script$"), r.Output);
        var packages = Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "*.conda").Select(Path.GetFileName).Order();
        Assert.That(packages, Is.EqualTo(new[] { "libv1demo-2.0.1-hb0f4dca_0.conda", "py-v1demo-2.0.1-py312h738df08_0.conda" }));
    }
}
