namespace CondaRecipes.Diagnostics;

public enum DiagnosticSeverity { Message, Warning, Error }

/// <summary>
/// A warning or message an engine stage reports without stopping (e.g. an RPATH removed, a DSO not
/// found). Engine code returns or collects these; the MSBuild adapters log them with their code.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message,
    string? File = null, int Line = 0)
{
    public static Diagnostic Warning(string code, string message, string? file = null, int line = 0) =>
        new(DiagnosticSeverity.Warning, code, message, file, line);

    public override string ToString() =>
        $"{(File is null ? "" : Line > 0 ? $"{File}({Line}): " : $"{File}: ")}{Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
