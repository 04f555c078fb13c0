using CondaRecipes.Processes;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Runs one external command (conda, conda-build) through <see cref="ProcessRunner"/>, streaming stdout
/// and stderr line by line into a <see cref="LogTee"/>. Cancelling the token kills the whole process tree,
/// so a conda-build's compiler children do not outlive it.
/// </summary>
internal static class ProcessLauncher
{
    /// <returns>The exit code. A start failure (missing or non-executable file) throws <see cref="System.ComponentModel.Win32Exception"/>.</returns>
    public static async Task<int> RunAsync(string executable, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment, string? workingDirectory, LogTee log,
        CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(new ProcessRequest(executable, arguments)
        {
            Environment = environment, WorkingDirectory = workingDirectory, OnLine = log.WriteLine, OnErrorLine = log.WriteErrorLine,
        }, cancellationToken).ConfigureAwait(false);
        return result.ExitCode;
    }
}
