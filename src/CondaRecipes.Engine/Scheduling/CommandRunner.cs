using System.ComponentModel;
using CondaRecipes.Diagnostics;
using CondaRecipes.Processes;

namespace CondaRecipes.Scheduling;

/// <summary>The result of one scheduler command.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>Both streams: the PBS wrappers print their errors on stdout.</summary>
    public string CombinedOutput => (StandardOutput.Trim() + "\n" + StandardError.Trim()).Trim();
}

/// <summary>Runs scheduler commands (qsub, sbatch, squeue, ...) with a time limit, never throwing on a non-zero exit.</summary>
public class CommandRunner
{
    /// <summary>Longest time one scheduler command may take; a hung controller must not hang the build.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public virtual async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> args,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(new ProcessRequest(program, args) { Timeout = Timeout }, cancellationToken);
            return new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError, result.TimedOut);
        }
        catch (Win32Exception e)
        {
            throw new CondaRecipesException(SchedulingErrorCodes.CommandNotFound,
                $"Cannot run '{program}': {e.Message}.",
                hint: "Install the scheduler's client commands (PBS Pro, or Slurm: eng/slurm/start.sh) or put them on PATH.",
                inner: e);
        }
    }
}
