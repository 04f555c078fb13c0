using System.Text;

namespace CondaRecipes.Processes;

/// <summary>
/// One program to run. The environment is laid over this process's own (a null value removes a variable).
/// With <see cref="OnLine"/> every line of stdout and stderr goes to it as it comes and nothing is kept in
/// memory (build logs can be large); otherwise both streams are captured, stdout into
/// <see cref="StandardOutputFile"/> when given. A <see cref="Timeout"/> ends the run as
/// <see cref="ProcessResult.TimedOut"/> instead of hanging the build. <see cref="OutputEncoding"/> decodes
/// both streams (default: the console's); a caller that parses a program's output as UTF-8 says so.
/// </summary>
public sealed record ProcessRequest(string Program, IEnumerable<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
    public Action<string>? OnLine { get; init; }
    /// <summary>stderr's lines, when the caller must tell them apart (they are read on another thread, so they
    /// can arrive before stdout's earlier lines); <see cref="OnLine"/> when null.</summary>
    public Action<string>? OnErrorLine { get; init; }
    public string? StandardOutputFile { get; init; }
    public TimeSpan? Timeout { get; init; }
    public Encoding? OutputEncoding { get; init; }
}

/// <summary>How a run ended. A non-zero exit is a result, never an exception.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Both streams, for error messages: tools split their diagnostics between them (the PBS
    /// wrappers print their errors on stdout).</summary>
    public string CombinedOutput => (StandardOutput.Trim() + "\n" + StandardError.Trim()).Trim();
}
