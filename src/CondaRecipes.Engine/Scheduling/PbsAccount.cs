using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Picks the PBS account the way NCAR's qcmd does: the explicit one, else <c>PBS_ACCOUNT_&lt;HOST&gt;</c>,
/// else <c>PBS_ACCOUNT</c>. qcmd takes HOST from <c>NCAR_HOST</c> (e.g. "derecho"), upper-cased; where
/// that variable is not set we use the short host name, upper-cased, with '-' and '.' as '_'.
/// </summary>
public static class PbsAccount
{
    public static string Resolve(string? explicitAccount, Func<string, string?> getEnvironment, string hostName) =>
        !string.IsNullOrWhiteSpace(explicitAccount) ? explicitAccount : Find(getEnvironment, hostName).Account;

    /// <summary>The account from the environment and the variable it came from (for messages about its value).</summary>
    /// <exception cref="CondaRecipesException">CR6002 when neither variable is set.</exception>
    public static (string Account, string Variable) Find(Func<string, string?> getEnvironment, string hostName)
    {
        var hostVariable = HostVariableName(getEnvironment("NCAR_HOST") is { Length: > 0 } ncarHost ? ncarHost : hostName);
        if (getEnvironment(hostVariable) is { Length: > 0 } perHost)
            return (perHost, hostVariable);
        if (getEnvironment("PBS_ACCOUNT") is { Length: > 0 } general)
            return (general, "PBS_ACCOUNT");
        throw new CondaRecipesException(SchedulingErrorCodes.NoAccount,
            $"No PBS account: none was given and neither {hostVariable} nor PBS_ACCOUNT is set.",
            hint: $"Set the account property of the build, or export {hostVariable} or PBS_ACCOUNT.");
    }

    /// <summary><c>PBS_ACCOUNT_</c> plus the short host name, upper-cased (<c>derecho6.hsn</c> → <c>PBS_ACCOUNT_DERECHO6</c>).</summary>
    public static string HostVariableName(string host)
    {
        var shortName = host.Split('.')[0];
        return "PBS_ACCOUNT_" + new string(shortName.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToUpperInvariant(ch) : '_').ToArray());
    }

    /// <summary>Resolves from this process's environment and host name.</summary>
    public static string Resolve(string? explicitAccount) =>
        Resolve(explicitAccount, Environment.GetEnvironmentVariable, Environment.MachineName);
}
