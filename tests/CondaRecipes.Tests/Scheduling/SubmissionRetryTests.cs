using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

public class SubmissionRetryTests
{
    private static readonly SubmissionRetry Fast = new() { InitialDelay = TimeSpan.FromMilliseconds(10) };

    private static Func<Task<CommandResult>> Sequence(List<CommandResult> results, Action counted) => () =>
    {
        counted();
        var r = results[0];
        if (results.Count > 1) results.RemoveAt(0);
        return Task.FromResult(r);
    };

    [Test]
    public async Task Transient_IsRetried_ThenSucceeds()
    {
        var calls = 0;
        var results = new List<CommandResult>
        {
            new(1, "", "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation", false),
            new(1, "", "sbatch: error: Unable to contact slurm controller (connect failure)", false),
            new(0, "42\n", "", false),
        };

        var r = await Fast.RunAsync(Sequence(results, () => calls++), "sbatch", "/w/job.sh", CancellationToken.None);

        Assert.That((r.StandardOutput, calls), Is.EqualTo(("42\n", 3)));
    }

    [Test]
    public void Transient_GivesUpAfterThreeRetries()
    {
        var calls = 0;
        var results = new List<CommandResult> { new(1, "", "qsub: Connection refused", false) };

        Assert.That(async () => await Fast.RunAsync(Sequence(results, () => calls++), "qsub", "/w/job.sh", CancellationToken.None),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(SchedulingErrorCodes.SubmissionUnavailable));
        Assert.That(calls, Is.EqualTo(4));
    }

    [Test]
    public void Permanent_FailsAtOnce_WithTheSchedulersMessageFromStdout()
    {
        var calls = 0;
        // The PBS wrappers over Slurm print the error on stdout and exit 1.
        var results = new List<CommandResult>
        {
            new(1, "There was an error running the Slurm sbatch command.\nsbatch: error: CPU count per node can not be satisfied\n", "", false),
        };

        Assert.That(async () => await Fast.RunAsync(Sequence(results, () => calls++), "qsub", "/w/job.sh", CancellationToken.None),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(SchedulingErrorCodes.SubmissionRejected)
                .And.Message.Contains("CPU count per node can not be satisfied"));
        Assert.That(calls, Is.EqualTo(1));
    }
}
