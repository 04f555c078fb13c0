using System.Security.Cryptography;
using System.Text;

namespace CondaRecipes.Recipes.Matrix;

/// <summary>
/// The one rule for a variant's id: <c>py</c> + the Python version, then <c>name-value</c> per variable (name in
/// lower case), joined by <c>_</c>; in values, characters other than letters, digits, <c>.</c>, <c>+</c> and
/// <c>-</c> become <c>-</c>. That readable form is the id whenever it loses nothing. When it does (values that
/// differ only in those characters, <c>a b</c>, <c>a/b</c> and <c>a;b</c>, would all read <c>a-b</c>), the id
/// gets <c>_h</c> and 10 hex digits of a SHA-256 of the exact values, so each variant keeps its own work folder,
/// log, stamp and job name, and ordinary ids (and the stamps they name) stay as they were. The suffix cannot
/// come from an ordinary id: an ordinary id's last <c>_</c> part is <c>py…</c> or contains <c>-</c>.
/// </summary>
public static class VariantIds
{
    /// <summary>The id of a variant with no axes.</summary>
    public const string Default = "default";

    public static string For(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return Default;
        var readable = string.Join("_", values.Select(kv => kv.Key == MatrixVariable.Python
            ? "py" + Readable(kv.Value)
            : kv.Key.ToLowerInvariant() + "-" + Readable(kv.Value)));
        return values.All(kv => Readable(kv.Value) == kv.Value) ? readable : readable + "_h" + Hash(values);
    }

    private static string Readable(string value) =>
        new(value.Select(c => char.IsLetterOrDigit(c) || c is '.' or '+' or '-' ? c : '-').ToArray());

    /// <summary>A hash of the exact names and values; <see cref="VariableCodec"/>'s form keeps them apart unambiguously.</summary>
    private static string Hash(IReadOnlyList<KeyValuePair<string, string>> values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(VariableCodec.EncodeVariables(values))))[..10];
}
