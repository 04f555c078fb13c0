using System.ComponentModel;
using System.Text;
using CliWrap;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>Runs git, patch and xz for the source stage; a missing program becomes a coded error.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public bool Succeeded => ExitCode == 0;

        /// <summary>Both streams, for error messages: tools split their diagnostics between them.</summary>
        public string Output => (StandardOutput.TrimEnd() + "\n" + StandardError.TrimEnd()).Trim();
    }

    /// <summary>Runs <paramref name="program"/>; a non-zero exit is returned, not thrown. With
    /// <paramref name="standardOutputFile"/> the output streams to that file instead of memory.</summary>
    public static async Task<Result> RunAsync(SourceSpec spec, string program, IEnumerable<string> arguments,
        string workingDirectory, string purpose, CancellationToken ct, string? standardOutputFile = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            // Messages in English and no credential prompts: a build must never wait on a terminal.
            .WithEnvironmentVariables(env =>
            {
                env.Set("LC_ALL", "C").Set("GIT_TERMINAL_PROMPT", "0");
                foreach (var (name, value) in environment ?? new Dictionary<string, string>()) env.Set(name, value);
            })
            .WithStandardOutputPipe(standardOutputFile is null
                ? PipeTarget.ToStringBuilder(stdout)
                : PipeTarget.ToFile(standardOutputFile))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None);
        try
        {
            var result = await command.ExecuteAsync(ct);
            return new Result(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (Exception e) when (IsNotFound(e))
        {
            throw SourceErrors.ToolNotFound(spec, program, purpose);
        }
    }

    // CliWrap reports a program that cannot be started as an InvalidOperationException wrapping the
    // Win32Exception of Process.Start; older versions let the Win32Exception through.
    public static bool IsNotFound(Exception e) =>
        e is Win32Exception || e is InvalidOperationException { InnerException: Win32Exception };
}
