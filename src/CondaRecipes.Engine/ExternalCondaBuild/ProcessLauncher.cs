using CliWrap;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Runs one external command (conda, conda-build) with CliWrap, streaming stdout and stderr line by line
/// into a <see cref="LogTee"/>. Cancelling the token kills the whole process tree: CliWrap's forceful
/// cancellation kills the entire tree on .NET, so a conda-build's compiler children do not outlive it.
/// </summary>
internal static class ProcessLauncher
{
    /// <returns>The exit code. A start failure (missing or non-executable file) throws <see cref="System.ComponentModel.Win32Exception"/>.</returns>
    public static async Task<int> RunAsync(string executable, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment, string? workingDirectory, LogTee log,
        CancellationToken cancellationToken)
    {
        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(log.WriteLine))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(log.WriteLine));
        if (environment is { Count: > 0 })
            command = command.WithEnvironmentVariables(environment);
        if (workingDirectory is not null)
            command = command.WithWorkingDirectory(workingDirectory);

        var result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.ExitCode;
    }
}
