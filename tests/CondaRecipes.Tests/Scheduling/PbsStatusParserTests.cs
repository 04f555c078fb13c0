using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

/// <summary>
/// No PBS Pro server exists on this machine: the JSON below is written in the format OpenPBS's
/// <c>qstat -xf -F json</c> prints (timestamp, pbs_version, pbs_server, Jobs keyed by full id, job_state,
/// Exit_status as a number, exec_host as host/cpu*n), with the states and exit codes of its documentation.
/// </summary>
public class PbsStatusParserTests
{
    private const string SampleJson = """
        {
            "timestamp":1718000000,
            "pbs_version":"2022.1.3.20230614134139",
            "pbs_server":"desched1",
            "Jobs":{
                "4001.desched1":{
                    "Job_Name":"mpi4py-py312",
                    "Job_Owner":"builder@derecho6.hsn.de.hpc.ucar.edu",
                    "job_state":"F",
                    "queue":"main",
                    "exec_host":"dec0101/0*128",
                    "exec_vnode":"(dec0101:ncpus=128)",
                    "Resource_List":{"ncpus":128,"nodect":1,"select":"1:ncpus=128","walltime":"02:00:00"},
                    "Exit_status":0,
                    "substate":92
                },
                "4002.desched1":{ "job_state":"F", "exec_host":"dec0102/0*128", "Exit_status":3 },
                "4003.desched1":{ "job_state":"F", "exec_host":"dec0103/0*128", "Exit_status":271 },
                "4004.desched1":{ "job_state":"F", "exec_host":"dec0104/0*128", "Exit_status":-29 },
                "4005.desched1":{ "job_state":"F", "exec_host":"dec0105/0*128", "Exit_status":-27 },
                "4006.desched1":{ "job_state":"R", "exec_host":"dec0106/0*128" },
                "4007.desched1":{ "job_state":"Q" },
                "4008.desched1":{ "job_state":"H" },
                "4009.desched1":{ "job_state":"F", "substate":91 }
            }
        }
        """;

    private static Dictionary<string, JobStatus> Parse() => PbsStatusParser.ParseJson(SampleJson).ToDictionary(s => s.JobId);

    [Test]
    public void FinishedJobs_ReportExitCodeAndHost_PbsProSampleJson()
    {
        var s = Parse();
        Assert.That(s["4001.desched1"], Is.EqualTo(new JobStatus("4001.desched1", JobState.Finished, 0, null, "dec0101/0*128")));
        Assert.That(s["4002.desched1"].ExitCode, Is.EqualTo(3));
        Assert.That(s["4002.desched1"].Reason, Is.Null);
    }

    [Test]
    public void SignalAndPbsCodes_BecomeReadableReasons_PbsProSampleJson()
    {
        var s = Parse();
        Assert.That((s["4003.desched1"].ExitCode, s["4003.desched1"].Reason), Is.EqualTo((143, "killed by signal 15")));
        Assert.That(s["4004.desched1"].Reason, Is.EqualTo("walltime exceeded"));
        Assert.That(s["4005.desched1"].Reason, Is.EqualTo("memory limit exceeded"));
    }

    [Test]
    public void RunningQueuedHeldAndDeleted_PbsProSampleJson()
    {
        var s = Parse();
        Assert.That(s["4006.desched1"].State, Is.EqualTo(JobState.Running));
        Assert.That(s["4006.desched1"].Node, Is.EqualTo("dec0106/0*128"));
        Assert.That(s["4007.desched1"].State, Is.EqualTo(JobState.Pending));
        Assert.That(s["4008.desched1"].State, Is.EqualTo(JobState.Pending));
        Assert.That(s["4009.desched1"], Is.EqualTo(new JobStatus("4009.desched1", JobState.Finished, null, "cancelled", null, NeverRan: true)));
    }

    [Test]
    public void NoJobsKey_MeansNoneKnown_PbsProSampleJson()
    {
        Assert.That(PbsStatusParser.ParseJson("""{"timestamp":1,"pbs_version":"2022.1","pbs_server":"s"}"""), Is.Empty);
        Assert.That(() => PbsStatusParser.ParseJson("{ not json"), Throws.TypeOf<SchedulerQueryException>());
    }

    [TestCase(0, 0, null)]
    [TestCase(255, 255, null)]
    [TestCase(265, 137, "killed by signal 9")]
    [TestCase(-1, -1, "job could not be started (exec failed)")]
    [TestCase(-3, -3, "job start failed; PBS will retry it")]
    [TestCase(-11, -11, "job was rerun")]
    [TestCase(-29, -29, "walltime exceeded")]
    [TestCase(-99, -99, "PBS exit status -99")]
    public void ExitStatus_Decodes(int status, int code, string? reason) =>
        Assert.That(PbsExitStatus.Decode(status), Is.EqualTo((code, reason)));

    /// <summary>Text as printed by Debian's slurm-wlm-torque qstat -f (captured on the local Slurm).</summary>
    [Test]
    public void WrapperText_GivesStatesWithoutExitCodes()
    {
        const string text = "Job Id:\t1\n\tJob_Name = tj\n\tJob_Owner = root@localhost\n\tjob_state = C\n\tqueue = main\n" +
                            "\texec_host = localhost/1\n\tResource_List.walltime = 00:01:00\n\n" +
                            "Job Id:\t2\n\tJob_Name = s.sh\n\tjob_state = Q\n\tqueue = main\n\n" +
                            "Job Id:\t3\n\tjob_state = R\n\texec_host = localhost/1\n\n" +
                            "Job Id:\t4\n\tjob_state = C\n\tqueue = main\n";

        var s = PbsStatusParser.ParseText(text).ToList();

        Assert.That(s, Is.EqualTo(new[]
        {
            new JobStatus("1", JobState.Finished, null, null, "localhost/1"),
            new JobStatus("2", JobState.Pending),
            new JobStatus("3", JobState.Running, Node: "localhost/1"),
            new JobStatus("4", JobState.Finished, NeverRan: true),
        }));
    }
}
