using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

/// <summary>
/// No PBS Pro server exists here, so a small bash script stands in for PBS Pro's qstat: it prints what
/// qstat prints and exits with the codes PBS documents (35 finished without -x, 153 unknown id, 255
/// server trouble). The backend's handling of those answers is what is tested.
/// </summary>
public class PbsQstatExitCodeTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-qstat-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private PbsBackend WithFakePbsProQstat(int exitCode, string stdout = "", string stderr = "")
    {
        var path = Path.Combine(_dir, "qstat");
        File.WriteAllText(path, $"#!/bin/bash\nprintf '%s' {ShellQuoting.Quote(stdout)}\nprintf '%s' {ShellQuoting.Quote(stderr)} >&2\nexit {exitCode}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new PbsBackend { QstatCommand = path };
    }

    [Test]
    public async Task UnknownIds_Exit153_AreGone_WithFakePbsProQstat()
    {
        var s = await WithFakePbsProQstat(153, stderr: "qstat: Unknown Job Id 77.desched1\n").QueryAsync(["77.desched1"]);
        Assert.That(s["77.desched1"].State, Is.EqualTo(JobState.Gone));
    }

    [Test]
    public async Task FinishedWithoutHistory_Exit35_IsFinished_WithFakePbsProQstat()
    {
        var s = await WithFakePbsProQstat(35, stderr: "qstat: 78.desched1 Job has finished, use -x or -H to obtain historical job information\n")
            .QueryAsync(["78.desched1"]);
        Assert.That(s["78.desched1"], Is.EqualTo(new JobStatus("78.desched1", JobState.Finished)));
    }

    [Test]
    public void ServerTrouble_Exit255_IsAFailedQuery_WithFakePbsProQstat() =>
        Assert.That(async () => await WithFakePbsProQstat(255, stderr: "Connection refused\nqstat: cannot connect to server desched1 (errno=111)\n")
            .QueryAsync(["79.desched1"]), Throws.TypeOf<SchedulerQueryException>().With.Message.Contains("exit 255"));

    [Test]
    public async Task JsonForSomeIds_Exit153_KnownOnesParsed_OthersGone_WithFakePbsProQstat()
    {
        const string json = """{"timestamp":1,"pbs_version":"2022.1.3","pbs_server":"desched1","Jobs":{"80.desched1.hpc.ucar.edu":{"job_state":"F","exec_host":"dec0001/0*128","Exit_status":-29}}}""";
        var backend = WithFakePbsProQstat(153, stdout: json, stderr: "qstat: Unknown Job Id 81.desched1\n");

        var s = await backend.QueryAsync(["80.desched1", "81.desched1"]);

        Assert.That(s["80.desched1"], Is.EqualTo(new JobStatus("80.desched1", JobState.Finished, -29, "walltime exceeded", "dec0001/0*128")));
        Assert.That(s["81.desched1"].State, Is.EqualTo(JobState.Gone));
        Assert.That(backend.UsesTextStatus, Is.False);
    }
}
