using CondaRecipes.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Channels;

/// <summary>
/// A conda environment file (<c>environment.yml</c>): its name, channels in priority order and the
/// dependency specs. Relative channel paths are resolved against a base folder given by the caller.
/// </summary>
public sealed record EnvironmentFile(string? Name, IReadOnlyList<string> Channels, IReadOnlyList<string> Dependencies)
{
    public static EnvironmentFile Load(string path, string baseDir)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CondaRecipesException(ChannelErrorCodes.InvalidEnvironmentFile,
                $"The environment file is not valid YAML: {e.Message}", path, (int)e.Start.Line,
                "Fix the YAML; see conda's documentation of environment.yml.");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new CondaRecipesException(ChannelErrorCodes.InvalidEnvironmentFile,
                "The environment file has no mapping at the top.", path, hint: "It needs name:, channels: and dependencies: keys.");

        var name = root.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? (n as YamlScalarNode)?.Value : null;
        var channels = Strings(root, "channels").Select(c => Resolve(c, baseDir)).ToList();
        var dependencies = Strings(root, "dependencies").ToList();
        return new EnvironmentFile(name, channels, dependencies);
    }

    private static IEnumerable<string> Strings(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s != "")
            : [];

    // A relative path (./output) is relative to the caller's base folder; names and URLs stay as they are.
    private static string Resolve(string channel, string baseDir) =>
        channel.StartsWith("./", StringComparison.Ordinal) || channel.StartsWith("../", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(baseDir, channel))
            : channel;
}
