using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

public class SubmitArgumentsTests
{
    private static JobSpec Spec() => new()
    {
        Name = "mpi4py-py312", ScriptPath = "/w/job.sh", WorkDir = "/w", LogPath = "/w/job.log", SentinelPath = "/w/job.exit",
        Account = "NCAR0001", Queue = "main", Walltime = TimeSpan.FromHours(2), Cpus = 128, Gpus = 4, MemoryMb = 235000,
        JobPriority = "premium", AfterOk = ["101.desched1", "102.desched1"],
    };

    [Test]
    public void Qsub_JoinsEveryResourceIntoOneDashL()
    {
        var args = PbsBackend.BuildSubmitArguments(Spec(), "NCAR0001");

        Assert.That(args, Is.EqualTo(new[]
        {
            "-N", "mpi4py-py312", "-A", "NCAR0001", "-q", "main",
            "-l", "walltime=2:00:00,select=1:ncpus=128:ngpus=4:mem=235000mb,job_priority=premium",
            "-j", "oe", "-o", "/w/job.log", "-W", "depend=afterok:101.desched1:102.desched1", "/w/job.sh",
        }));
        Assert.That(args.Count(a => a == "-l"), Is.EqualTo(1));
    }

    [Test]
    public void Qsub_EnvironmentPassing()
    {
        Assert.That(PbsBackend.BuildSubmitArguments(Spec() with { PassEnvironment = EnvironmentPassing.All }, "a"), Does.Contain("-V"));
        var names = PbsBackend.BuildSubmitArguments(Spec() with { PassEnvironment = EnvironmentPassing.Names, PassEnvironmentNames = ["CUDA_HOME", "NCAR_HOST"] }, "a");
        Assert.That(string.Join(' ', names), Does.Contain("-v CUDA_HOME,NCAR_HOST"));
        Assert.That(PbsBackend.BuildSubmitArguments(Spec(), "a", liveOutput: true), Does.Contain("oed"));
    }

    [Test]
    public void Sbatch_Arguments()
    {
        var args = SlurmBackend.BuildSubmitArguments(Spec() with { AfterOk = ["101", "102"], PassEnvironment = EnvironmentPassing.All });

        Assert.That(args, Is.EqualTo(new[]
        {
            "--parsable", "--job-name=mpi4py-py312", "--output=/w/job.log", "--chdir=/w", "--account=NCAR0001",
            "--partition=main", "--time=2:00:00", "--nodes=1", "--cpus-per-task=128", "--gpus=4", "--mem=235000M",
            "--dependency=afterok:101:102", "--kill-on-invalid-dep=yes", "--export=ALL", "/w/job.sh",
        }));
    }

    [TestCase("123\n", "123")]
    [TestCase("123;cluster1\n", "123")]
    [TestCase("sbatch: warning: something\n456\n", "456")]
    public void Sbatch_ParsableOutput(string stdout, string id) => Assert.That(SlurmBackend.ParseJobId(stdout), Is.EqualTo(id));

    [Test]
    public void Sbatch_NotAnId_IsCodedError() =>
        Assert.That(() => SlurmBackend.ParseJobId("Submitted batch job 5\n"),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(SchedulingErrorCodes.UnparsableJobId));

    [Test]
    public void InvalidSpecs_AreCodedErrors()
    {
        foreach (var bad in new[]
                 {
                     Spec() with { Name = "has space" }, Spec() with { WorkDir = "rel" }, Spec() with { Cpus = 0 },
                     Spec() with { Walltime = TimeSpan.Zero }, Spec() with { AfterOk = ["1:2"] },
                     Spec() with { PassEnvironment = EnvironmentPassing.Names },
                 })
            Assert.That(() => SlurmBackend.BuildSubmitArguments(bad),
                Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(SchedulingErrorCodes.InvalidJobSpec), bad.ToString());
    }

    [TestCase("derecho6.hsn.de.hpc.ucar.edu", "PBS_ACCOUNT_DERECHO6")]
    [TestCase("casper-login1", "PBS_ACCOUNT_CASPER_LOGIN1")]
    public void Account_HostVariable(string host, string variable) => Assert.That(PbsAccount.HostVariableName(host), Is.EqualTo(variable));

    [Test]
    public void Account_FallbackOrder_LikeQcmd()
    {
        var env = new Dictionary<string, string> { ["PBS_ACCOUNT"] = "general", ["PBS_ACCOUNT_DERECHO"] = "perhost" };
        Assert.That(PbsAccount.Resolve("explicit", env.GetValueOrDefault, "derecho1"), Is.EqualTo("explicit"));
        Assert.That(PbsAccount.Resolve(null, env.GetValueOrDefault, "derecho"), Is.EqualTo("perhost"));
        Assert.That(PbsAccount.Resolve(null, env.GetValueOrDefault, "casper1"), Is.EqualTo("general"));
        // qcmd names the variable after NCAR_HOST, not the login node's name.
        env["NCAR_HOST"] = "derecho";
        Assert.That(PbsAccount.Resolve(null, env.GetValueOrDefault, "derecho6"), Is.EqualTo("perhost"));
    }

    [Test]
    public void Account_Missing_IsCodedError() =>
        Assert.That(() => PbsAccount.Resolve(null, _ => null, "derecho6"),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(SchedulingErrorCodes.NoAccount)
                .And.Message.Contains("PBS_ACCOUNT_DERECHO6"));
}
