namespace CondaRecipes.ExternalCondaBuild;

/// <summary>Renders an argv as a shell command line for logs and error messages (POSIX single quoting).</summary>
public static class CommandLine
{
    public static string Format(string executable, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { executable }.Concat(arguments).Select(Quote));

    /// <summary>Quotes an argument only when the shell would otherwise split or expand it.</summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c)))
            return argument;
        return "'" + argument.Replace("'", "'\\''") + "'";
    }
}
