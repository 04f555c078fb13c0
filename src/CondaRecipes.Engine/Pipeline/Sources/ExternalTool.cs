using System.ComponentModel;
using CondaRecipes.Processes;
using CondaRecipes.Recipes;

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
    public static async Task<Result> RunAsync(RecipeSource spec, string program, IEnumerable<string> arguments,
        string workingDirectory, string purpose, CancellationToken ct, string? standardOutputFile = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // Messages in English and no credential prompts: a build must never wait on a terminal.
        var variables = new Dictionary<string, string?> { ["LC_ALL"] = "C", ["GIT_TERMINAL_PROMPT"] = "0" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) variables[name] = value;
        try
        {
            var result = await ProcessRunner.RunAsync(new ProcessRequest(program, arguments)
            {
                WorkingDirectory = workingDirectory, Environment = variables, StandardOutputFile = standardOutputFile,
            }, ct);
            return new Result(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception)
        {
            throw SourceErrors.ToolNotFound(spec, program, purpose);
        }
    }
}
