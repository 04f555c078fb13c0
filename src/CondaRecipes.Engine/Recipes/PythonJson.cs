using System.Globalization;
using System.Text;

namespace CondaRecipes.Recipes;

/// <summary>
/// Python's <c>json.dumps(d, sort_keys=True)</c> for a flat mapping of strings, byte for byte: keys in
/// code-point order, <c>", "</c> and <c>": "</c> separators, non-ASCII escaped as <c>\uXXXX</c>. conda-build
/// hashes this text for the <c>h1234567</c> part of a default build string, so it must match exactly.
/// </summary>
internal static class PythonJson
{
    /// <param name="literals">Values written as given (a JSON number or bool) instead of as strings, by key:
    /// rattler-build's hash input keeps a variant's unquoted ints and bools typed.</param>
    public static string DumpsSorted(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? literals = null)
    {
        var sb = new StringBuilder("{");
        bool first = true;
        foreach (var key in values.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (!first) sb.Append(", ");
            first = false;
            AppendString(sb, key);
            sb.Append(": ");
            if (literals is not null && literals.TryGetValue(key, out var literal)) sb.Append(literal);
            else AppendString(sb, values[key]);
        }
        return sb.Append('}').ToString();
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
