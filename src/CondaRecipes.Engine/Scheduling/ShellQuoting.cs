using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Quotes values for bash so that the shell passes them through unchanged: inside single quotes nothing
/// is special (no <c>$</c>, backticks, globbing or line continuation), so only a single quote itself needs
/// the <c>'\''</c> sequence. NUL cannot be passed through argv or the environment and is rejected.
/// </summary>
public static partial class ShellQuoting
{
    public static string Quote(string value)
    {
        if (value.Contains('\0'))
            throw new CondaRecipesException(SchedulingErrorCodes.InvalidJobSpec,
                "A job command argument or variable contains a NUL character, which no process can receive.",
                hint: "Remove the NUL character from the value.");
        return "'" + value.Replace("'", "'\\''") + "'";
    }

    /// <summary>True for a name bash accepts in <c>export NAME=…</c>.</summary>
    public static bool IsVariableName(string name) => VariableName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
