using System.Globalization;
using System.Text;

namespace CondaRecipes.Recipes.Matrix;

/// <summary>
/// The one text form of variant variables where they cross MSBuild (item metadata, global properties, job
/// command lines), so any value survives: in a list of values (<c>CondaVariant</c> Values, a narrowing
/// property such as <c>-p:Mpi4pyVersion=4.0.3;4.0.0</c>) elements are separated by <c>;</c> or <c>,</c>;
/// in the <c>Variables</c> metadata of a variant, <c>NAME=value</c> pairs are separated by <c>|</c>. In both,
/// <c>%XX</c> (two hex digits) stands for that character, in the evaluated text: MSBuild has already turned
/// its own escapes into characters, so a literal <c>;</c> inside one value is written <c>%253B</c> in a project
/// file or on the command line. The encoder writes the separators, <c>=</c>, <c>%</c> and control characters
/// as <c>%XX</c>, and nothing else, so a plain value reads the same in every form.
/// </summary>
public static class VariableCodec
{
    private const string Reserved = "%|=;,";

    /// <summary>Escapes one name or value: <c>%</c>, <c>|</c>, <c>=</c>, <c>;</c>, <c>,</c> and control characters as <c>%XX</c>.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            if (NeedsEscape(c))
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        return sb.ToString();
    }

    /// <summary>Replaces each <c>%XX</c> by its byte (runs of them decode as UTF-8); a <c>%</c> not followed by two hex digits stays as written.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('%')) return text;
        var sb = new StringBuilder(text.Length);
        var pending = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                pending.Add(b);
                i += 2;
                continue;
            }
            Flush();
            sb.Append(text[i]);
        }
        Flush();
        return sb.ToString();

        void Flush()
        {
            if (pending.Count == 0) return;
            sb.Append(Encoding.UTF8.GetString(pending.ToArray()));
            pending.Clear();
        }
    }

    /// <summary>Splits a list of values on <c>;</c> and <c>,</c>, trims and drops blanks, then unescapes each.</summary>
    public static IReadOnlyList<string> SplitValues(string? text) =>
        (text ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Unescape).ToList();

    /// <summary>The <c>Variables</c> metadata of a variant: <c>NAME=value</c> pairs joined by <c>|</c>, escaped.</summary>
    public static string EncodeVariables(IEnumerable<KeyValuePair<string, string>> variables) =>
        string.Join("|", variables.Select(kv => $"{Escape(kv.Key)}={Escape(kv.Value)}"));

    /// <summary>The variables of a <c>Variables</c> metadata value, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DecodeVariables(string? text) =>
        (text ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => KeyValuePair.Create(Unescape(kv[0]), kv.Length > 1 ? Unescape(kv[1]) : ""))
            .ToList();

    private static bool NeedsEscape(char c) => Reserved.Contains(c) || char.IsControl(c);
}
