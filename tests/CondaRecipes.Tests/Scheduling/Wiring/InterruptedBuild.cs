using System.Text;
using CliWrap;

namespace CondaRecipes.Tests.Scheduling.Wiring;

/// <summary>
/// Runs `dotnet build` and presses Ctrl-C (SIGINT, CliWrap's graceful cancellation) once its output and the
/// file system show a given state, the way a user interrupts a batch build while its jobs run. With a
/// <see cref="Signal"/> it sends that signal instead, as <c>kill</c>, <c>timeout</c> or a batch system would: to
/// the `dotnet build` process alone, or to its whole process group (the build then runs in a session of its
/// own, so the group is the build's and not the test runner's).
/// </summary>
internal static class InterruptedBuild
{
    public sealed record Signal(string Name, bool WholeGroup);

    public static async Task<(int ExitCode, string Output)> RunAsync(string workDir, IReadOnlyList<string> args,
        Func<string, bool> interruptWhen, TimeSpan timeout, Signal? signal = null)
    {
        var output = new StringBuilder();
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        // A nested build resolves its own MSBuild, as in DotnetCli.
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
                key == "DOTNET_HOST_PATH")
                env[key] = null;

        using var forceful = new CancellationTokenSource(timeout);
        using var graceful = new CancellationTokenSource();
        // setsid execs dotnet in place (a child is never a group leader), so the process id is dotnet's and leads its group.
        var run = (signal is null ? Cli.Wrap("dotnet").WithArguments(["build", "-nologo", "-nr:false", .. args])
                : Cli.Wrap("setsid").WithArguments(["dotnet", "build", "-nologo", "-nr:false", .. args]))
            .WithWorkingDirectory(workDir)
            .WithEnvironmentVariables(env).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(l => { lock (output) output.AppendLine(l); }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(l => { lock (output) output.AppendLine(l); }))
            .ExecuteAsync(forceful.Token, graceful.Token);

        while (!run.Task.IsCompleted && !graceful.IsCancellationRequested)
        {
            string text;
            lock (output) text = output.ToString();
            if (!interruptWhen(text)) await Task.WhenAny(run.Task, Task.Delay(250));
            else if (signal is null) graceful.Cancel();
            else
            {
                using var kill = System.Diagnostics.Process.Start("kill",
                    signal.WholeGroup ? [$"-{signal.Name}", "--", $"-{run.ProcessId}"] : [$"-{signal.Name}", $"{run.ProcessId}"]);
                await kill.WaitForExitAsync();
                break;
            }
        }
        int exitCode;
        try { exitCode = (await run).ExitCode; }
        catch (OperationCanceledException) when (!forceful.IsCancellationRequested) { exitCode = -2; }
        lock (output) return (exitCode, output.ToString());
    }
}
