using System.Security.Cryptography;
using System.Text;

namespace CondaRecipes.Scheduling;

/// <summary>The one rule for job names: what PBS and Slurm both accept (≤ 64 letters, digits, <c>._-</c>, starting with a letter).</summary>
public static class JobNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxLength && name.All(IsAllowed) && char.IsAsciiLetter(name[0]);

    /// <summary>
    /// A valid name for <paramref name="wanted"/>: other characters become <c>-</c>, a name not starting with a
    /// letter gets <c>j-</c>, and a longer one keeps its start and gets a short hash of the whole, so two long
    /// variants stay distinct.
    /// </summary>
    public static string For(string wanted)
    {
        var name = new string(wanted.Select(c => IsAllowed(c) ? c : '-').ToArray());
        if (name.Length == 0 || !char.IsAsciiLetter(name[0])) name = "j-" + name;
        if (name.Length <= MaxLength) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..8];
        return name[..(MaxLength - 9)] + "-" + hash;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
