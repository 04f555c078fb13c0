using System.Text.Json.Nodes;
using CondaRecipes.Files;

namespace CondaRecipes.Channels.Index;

/// <summary>Writes JSON through <see cref="AtomicFile"/>, so readers never see half a file.</summary>
internal static class AtomicJson
{
    /// <param name="durable">Flushed to disk before the rename: the channel's index files, which conda reads.</param>
    internal static void Write(string path, JsonNode node, bool indented = true, bool durable = false)
    {
        var options = new System.Text.Json.JsonSerializerOptions(Packaging.JsonFiles.Options) { WriteIndented = indented };
        AtomicFile.WriteAllText(path, node.ToJsonString(options) + "\n", durable);
    }
}
