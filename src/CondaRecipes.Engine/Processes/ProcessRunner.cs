using System.ComponentModel;
using System.Text;
using CliWrap;

namespace CondaRecipes.Processes;

/// <summary>
/// The engine's one way to run a program (CliWrap). Cancelling the token kills the whole process tree
/// (CliWrap's forceful cancellation uses <c>Process.Kill(entireProcessTree: true)</c>), so a build
/// script's compilers or a conda-build's children never outlive a cancelled build.
/// </summary>
public static class ProcessRunner
{
    /// <exception cref="Win32Exception">The program cannot be started (missing or not executable); callers
    /// turn this into their own coded error.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the process tree is gone.</exception>
    public static async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var encoding = request.OutputEncoding ?? Console.OutputEncoding;
        var command = Cli.Wrap(request.Program)
            .WithArguments(request.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(request.OnLine is { } onOut ? PipeTarget.ToDelegate(onOut, encoding)
                : request.StandardOutputFile is { } file ? PipeTarget.ToFile(file)
                : PipeTarget.ToStringBuilder(stdout, encoding))
            .WithStandardErrorPipe((request.OnErrorLine ?? request.OnLine) is { } onErr ? PipeTarget.ToDelegate(onErr, encoding) : PipeTarget.ToStringBuilder(stderr, encoding));
        if (request.Environment is { Count: > 0 } environment)
            command = command.WithEnvironmentVariables(environment);
        if (request.WorkingDirectory is { } directory)
            command = command.WithWorkingDirectory(directory);

        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await command.ExecuteAsync(linked?.Token ?? cancellationToken).ConfigureAwait(false);
            return new ProcessResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            return new ProcessResult(-1, stdout.ToString(),
                $"{request.Program} did not answer within {request.Timeout!.Value.TotalSeconds:0} s", TimedOut: true);
        }
        // CliWrap reports a program that cannot be started as an InvalidOperationException wrapping the
        // Win32Exception of Process.Start; callers see the Win32Exception alone.
        catch (InvalidOperationException e) when (e.InnerException is Win32Exception start)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(start);
            throw;
        }
    }
}
