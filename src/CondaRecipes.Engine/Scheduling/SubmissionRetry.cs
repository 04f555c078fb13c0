using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Runs a submit command, retrying only failures that go away by themselves (controller busy or
/// restarting) with jittered exponential back-off. A rejection (bad account, partition, resources) fails
/// at once with the scheduler's own words. Both streams are read: the PBS wrappers print errors on stdout.
/// </summary>
public sealed class SubmissionRetry
{
    private static readonly string[] TransientMarkers =
    [
        "socket timed out", "unable to contact slurm controller", "connection refused", "connection timed out",
        "resource temporarily unavailable", "slurm_persist_conn", "temporarily unable to accept job",
        "try again", "communication failure", "pbs_server_busy", "cannot connect to pbs server",
        "server is busy", "transient",
    ];

    /// <summary>Retries after the first attempt (so at most Retries + 1 attempts).</summary>
    public int Retries { get; init; } = 3;
    /// <summary>Delay before the first retry; doubles each time, ±25 % jitter.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    public static bool IsTransient(CommandResult result) =>
        result.TimedOut || TransientMarkers.Any(m => result.CombinedOutput.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs <paramref name="attempt"/> until it succeeds (exit 0) or fails permanently.</summary>
    public async Task<CommandResult> RunAsync(Func<Task<CommandResult>> attempt, string what, string scriptPath,
        CancellationToken cancellationToken)
    {
        var delay = InitialDelay;
        for (var i = 0; ; i++)
        {
            var result = await attempt();
            if (result.ExitCode == 0)
                return result;
            if (!IsTransient(result))
                throw new CondaRecipesException(SchedulingErrorCodes.SubmissionRejected,
                    $"{what} rejected the job: {OneLine(result.CombinedOutput)}", scriptPath,
                    hint: "Check the account, queue/partition and resources requested.");
            if (i >= Retries)
                throw new CondaRecipesException(SchedulingErrorCodes.SubmissionUnavailable,
                    $"{what} failed {i + 1} times on transient errors; last: {OneLine(result.CombinedOutput)}", scriptPath,
                    hint: "The scheduler's controller seems unreachable; retry later or check its state.");
            var jittered = delay * (0.75 + Random.Shared.NextDouble() * 0.5);
            await Task.Delay(jittered, cancellationToken);
            delay *= 2;
        }
    }

    internal static string OneLine(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
