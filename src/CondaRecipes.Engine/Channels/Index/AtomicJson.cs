using System.Text.Json.Nodes;

namespace CondaRecipes.Channels.Index;

/// <summary>Writes JSON to a temporary sibling and renames it over the target, so readers never see half a file.</summary>
internal static class AtomicJson
{
    internal static void Write(string path, JsonNode node, bool indented = true)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new System.Text.Json.JsonSerializerOptions(Packaging.JsonFiles.Options) { WriteIndented = indented };
            File.WriteAllText(temp, node.ToJsonString(options) + "\n");
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
