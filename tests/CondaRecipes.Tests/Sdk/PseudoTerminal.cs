using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Tests.Sdk;

/// <summary>
/// Runs `dotnet build` in a real pseudo-terminal — a detached tmux session of its own (private server socket,
/// no user configuration) — and returns the screen as a person would read it once the command has finished:
/// tmux interprets the terminal logger's cursor movements and redraws, so only what stays visible is left.
/// The window is wide enough that no line of interest wraps. tmux comes with eng/setup.sh.
/// </summary>
public static class PseudoTerminal
{
    /// <param name="Frames">What the window showed at moments during the build (see <see cref="Watch"/>).</param>
    public sealed record Screen(int ExitCode, string Text, IReadOnlyList<string> Frames)
    {
        public override string ToString() => $"exit {ExitCode}\n{Text}";
    }

    public static Screen Build(string workDir, params string[] args) => Run(workDir, watch: false, args);

    /// <summary>
    /// As <see cref="Build"/>, and the window's visible lines are also read every 200 ms while the build runs: the terminal
    /// logger's live lines (a running project, its current target and time), which it erases once the project ends.
    /// </summary>
    public static Screen Watch(string workDir, params string[] args) => Run(workDir, watch: true, args);

    private static Screen Run(string workDir, bool watch, string[] args)
    {
        var socket = $"cr-tl-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var done = "built-" + Guid.NewGuid().ToString("N");
        // A person's terminal, not a CI job's: MSBuild falls back to its console logger when a CI variable is set
        // (CI=true on the runners this suite runs on), so those are removed for the build in the pane.
        var command = "env " + string.Join(" ", CiVariables.Select(v => "-u " + v)) + " dotnet build -nologo -nr:false "
                      + string.Join(" ", args.Select(Quote))
                      + $"; echo \"exit=$?\"; tmux -L {socket} wait-for -S {done}; sleep 600";
        try
        {
            Tmux(socket, workDir, ["-f", "/dev/null", "new-session", "-d", "-x", "250", "-y", "60", "-s", "build", "-c", workDir, command]);
            var frames = new List<string>();
            var deadline = DateTime.UtcNow.AddMinutes(8);
            while (watch && DateTime.UtcNow < deadline)
            {
                var frame = Tmux(socket, workDir, ["capture-pane", "-p", "-t", "build"]);
                frames.Add(frame);
                if (System.Text.RegularExpressions.Regex.IsMatch(frame, @"(?m)^exit=\d+")) break;
                Thread.Sleep(200);
            }
            Tmux(socket, workDir, ["wait-for", done]);
            var text = Tmux(socket, workDir, ["capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", "build"]);
            var exit = System.Text.RegularExpressions.Regex.Match(text, @"^exit=(\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
            return new Screen(exit.Success ? int.Parse(exit.Groups[1].Value) : -1, text, frames);
        }
        finally
        {
            try { Tmux(socket, workDir, ["kill-server"], TimeSpan.FromSeconds(20)); } catch (InvalidOperationException) { }
        }
    }

    private static string Tmux(string socket, string workDir, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(8));
        var result = Cli.Wrap("tmux")
            .WithArguments(new[] { "-L", socket }.Concat(args))
            .WithWorkingDirectory(workDir)
            .WithEnvironmentVariables(DotnetCli.CleanEnvironment())
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cts.Token).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(" ", args)} failed: {result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>The variables by which .NET tools tell a CI run (MSBuild's terminal logger among them).</summary>
    private static readonly string[] CiVariables =
    [
        "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "APPVEYOR", "TRAVIS", "CIRCLECI", "BUILDKITE", "TEAMCITY_VERSION",
        "JENKINS_URL", "BUILD_ID", "BUILD_URL", "CODEBUILD_BUILD_ID", "JB_SPACE_API_URL", "BITBUCKET_BUILD_NUMBER",
    ];

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";
}
