using CondaRecipes.Diagnostics;
using CondaRecipes.Planning;

namespace CondaRecipes.Tests.Planning;

public class CpuShareTests
{
    [Test]
    public void Budget_is_a_batch_jobs_allocation_inside_a_job_else_the_processs_cores()
    {
        Assert.That(CpuShare.Budget(new Dictionary<string, string>()), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(CpuShare.Budget(new Dictionary<string, string> { ["SLURM_JOB_ID"] = "7", ["SLURM_CPUS_PER_TASK"] = "6", ["SLURM_CPUS_ON_NODE"] = "64" }), Is.EqualTo(6));
        Assert.That(CpuShare.Budget(new Dictionary<string, string> { ["SLURM_JOB_ID"] = "7", ["SLURM_CPUS_ON_NODE"] = "12" }), Is.EqualTo(12));
        Assert.That(CpuShare.Budget(new Dictionary<string, string> { ["PBS_JOBID"] = "1.desched1", ["NCPUS"] = "128" }), Is.EqualTo(128));
        // NCPUS outside a PBS job is some other program's variable, not an allocation.
        Assert.That(CpuShare.Budget(new Dictionary<string, string> { ["NCPUS"] = "999" }), Is.EqualTo(Environment.ProcessorCount));
    }

    [TestCase(32, 4, 8)]
    [TestCase(2, 2, 1)]
    [TestCase(2, 8, 1)]
    [TestCase(7, 2, 3)]
    [TestCase(16, 0, 16)]
    public void Each_concurrent_build_gets_an_equal_share_of_at_least_one_core(int budget, int builds, int expected) =>
        Assert.That(CpuShare.FairShare(budget, builds), Is.EqualTo(expected));

    [Test]
    public void Builds_at_once_are_the_node_count_but_no_more_than_the_builds_variants()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("cr-cpu-").FullName, "variants-at-once");
        Assert.That(CpuShare.BuildsAtOnce(8, file), Is.EqualTo(8), "no file: a variant built alone");
        File.WriteAllText(file, "1\n");
        Assert.That(CpuShare.BuildsAtOnce(8, file), Is.EqualTo(1));
        File.WriteAllText(file, "40\n");
        Assert.That(CpuShare.BuildsAtOnce(8, file), Is.EqualTo(8));
        File.WriteAllText(file, "");
        Assert.That(CpuShare.BuildsAtOnce(8, file), Is.EqualTo(8), "being rewritten");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Test]
    public void The_override_is_a_whole_number_of_cores_or_CR8160()
    {
        Assert.That(CpuShare.ParseOverride("", "x.proj"), Is.Null);
        Assert.That(CpuShare.ParseOverride(" 12 ", "x.proj"), Is.EqualTo(12));
        foreach (var bad in new[] { "0", "-2", "four", "1.5" })
            Assert.That(() => CpuShare.ParseOverride(bad, "x.proj"),
                Throws.TypeOf<CondaRecipesException>().With.Property(nameof(CondaRecipesException.Code)).EqualTo("CR8160"), bad);
    }
}
