namespace CondaRecipes.Diagnostics;

/// <summary>
/// A failure the user can act on: a stable code (<c>CRnnnn</c>), the file and line it concerns, what went
/// wrong and what to do about it. Engine code throws it; the MSBuild adapters turn it into one coded error
/// (the pattern of dotnet/sdk's <c>TaskBase</c>).
/// </summary>
public class CondaRecipesException : Exception
{
    public CondaRecipesException(string code, string message, string? file = null, int line = 0,
        string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        File = file;
        Line = line;
        Hint = hint;
    }

    /// <summary>The error code, e.g. <c>CR1001</c>; listed in README.md.</summary>
    public string Code { get; }

    /// <summary>The file the error is about (a recipe, a project, an archive), when there is one.</summary>
    public string? File { get; }

    /// <summary>1-based line in <see cref="File"/>; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>What the user should do next.</summary>
    public string? Hint { get; }

    /// <summary>The message with the hint appended, as shown to users.</summary>
    public string FullMessage => Hint is null ? Message : $"{Message} {Hint}";

    public override string ToString() =>
        $"{(File is null ? "" : Line > 0 ? $"{File}({Line}): " : $"{File}: ")}error {Code}: {FullMessage}";
}
