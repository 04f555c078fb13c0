using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CondaRecipes.Packaging;

/// <summary>JSON as conda tools write it: two-space indent, keys sorted, non-ASCII kept readable.</summary>
internal static class JsonFiles
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A copy of <paramref name="node"/> whose objects have their keys in ordinal order.</summary>
    internal static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    internal static string Serialize(JsonNode node, bool sortKeys = true) =>
        (sortKeys ? Sorted(node)! : node).ToJsonString(Options);

    internal static void Write(string path, JsonNode node, bool sortKeys = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Serialize(node, sortKeys) + "\n");
    }

    internal static JsonArray Array(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
