using System.Globalization;
using System.Text.Json;
using CondaRecipes.Recipes.Jinja;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.Loading;

/// <summary>
/// JSON and YAML documents as Jinja values — dicts, lists, strings, ints, floats, bools and None —
/// the way Python's <c>json.load</c> and <c>yaml.safe_load</c> give them to conda-build's templates.
/// </summary>
internal static class DataValues
{
    public static object? FromJson(string text) => FromJson(JsonDocument.Parse(text).RootElement);

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => JinjaNone.Literal,
    };

    public static object? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? JinjaNone.Literal : FromYaml(stream.Documents[0].RootNode);
    }

    private static object? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => FromYaml(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode s => s.Children.Select(FromYaml).ToList(),
        YamlScalarNode s => Scalar(s),
        _ => JinjaNone.Literal,
    };

    // YAML 1.1 core scalars as safe_load types them; quoted scalars stay strings.
    private static object? Scalar(YamlScalarNode s)
    {
        string v = s.Value ?? "";
        if (s.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded) return v;
        if (v is "" or "~" or "null" or "Null" or "NULL") return JinjaNone.Literal;
        if (v is "true" or "True" or "TRUE" or "yes" or "Yes" or "on" or "On") return true;
        if (v is "false" or "False" or "FALSE" or "no" or "No" or "off" or "Off") return false;
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (v.Contains('.') && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        return v;
    }
}
