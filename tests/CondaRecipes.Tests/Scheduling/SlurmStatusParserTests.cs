using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

/// <summary>Lines in the formats Slurm 22.05 prints (captured on the local single-node cluster).</summary>
public class SlurmStatusParserTests
{
    [Test]
    public void Squeue_StatesReasonsAndNodes()
    {
        const string output = "1|FAILED|localhost|NonZeroExitCode\n2|CANCELLED||None\n3|PENDING||DependencyNeverSatisfied\n" +
                              "4|RUNNING|localhost|None\n5|TIMEOUT|localhost|TimeLimit\n6|COMPLETED|localhost|None\n" +
                              "7|CANCELLED||DependencyNeverSatisfied\n8|OUT_OF_MEMORY|localhost|OutOfMemory\n";

        var s = SlurmStatusParser.ParseSqueue(output).ToDictionary(x => x.JobId);

        Assert.That(s["1"], Is.EqualTo(new JobStatus("1", JobState.Finished, null, null, "localhost")));
        Assert.That(s["2"], Is.EqualTo(new JobStatus("2", JobState.Finished, null, "cancelled", null, NeverRan: true)));
        Assert.That(s["3"].State, Is.EqualTo(JobState.Pending));
        Assert.That(s["4"].State, Is.EqualTo(JobState.Running));
        Assert.That(s["5"].Reason, Is.EqualTo("walltime exceeded"));
        Assert.That(s["6"].Reason, Is.Null);
        Assert.That(s["7"].Reason, Is.EqualTo("dependency never satisfied"));
        Assert.That(s["8"].Reason, Is.EqualTo("memory limit exceeded"));
    }

    [Test]
    public void Scontrol_ExitCodeAndSignal()
    {
        const string line = "JobId=1 JobName=tj UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 " +
                            "Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 " +
                            "Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:00 TimeLimit=00:01:00 NodeList=localhost " +
                            "BatchHost=localhost Command=/tmp/crt/j.sh WorkDir=/tmp/crt StdOut=/tmp/crt/j.log Power= \n" +
                            "JobId=9 JobState=CANCELLED Reason=None ExitCode=0:15 NodeList=localhost\n";

        var s = SlurmStatusParser.ParseScontrol(line).ToList();

        Assert.That(s[0], Is.EqualTo(new JobStatus("1", JobState.Finished, 3, null, "localhost")));
        Assert.That(s[1], Is.EqualTo(new JobStatus("9", JobState.Finished, 143, "cancelled", "localhost")));
    }

    [Test]
    public void Sacct_StateWithByUser()
    {
        var s = SlurmStatusParser.ParseSacct("12|CANCELLED by 0|0:15|localhost|00:00:07\n13|COMPLETED|0:0|node[01-02]|00:01:00\n").ToList();

        Assert.That(s[0], Is.EqualTo(new JobStatus("12", JobState.Finished, 143, "cancelled", "localhost")));
        Assert.That(s[1], Is.EqualTo(new JobStatus("13", JobState.Finished, 0, null, "node[01-02]")));
    }

    [Test]
    public void Garbage_IsAQueryFailure() =>
        Assert.That(() => SlurmStatusParser.ParseSqueue("not a status line\n").ToList(), Throws.TypeOf<SchedulerQueryException>());
}
