using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1.Tests;

/// <summary>
/// Reads YAML that is already rendered — a package's info/tests/tests.yaml — into <see cref="V1Node"/>s as
/// plain values, with their lines: no expression is evaluated and no <c>if:</c> resolved.
/// </summary>
public static class RenderedYaml
{
    public static V1Node? Parse(string text, string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : ToNode(stream.Documents[0].RootNode, file);
    }

    private static V1Node ToNode(YamlNode node, string file) => node switch
    {
        YamlMappingNode m => new V1Mapping(m.Children.Select(kv =>
            new V1Entry(((YamlScalarNode)kv.Key).Value ?? "", ToNode(kv.Value, file), (int)kv.Key.Start.Line)).ToList(), (int)m.Start.Line) { File = file },
        YamlSequenceNode q => new V1Sequence(q.Children.Select(c => ToNode(c, file)).ToList(), (int)q.Start.Line) { File = file },
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" } n => new V1Scalar(null, (int)n.Start.Line) { File = file },
        YamlScalarNode n => new V1Scalar(n.Value, (int)n.Start.Line) { File = file, Quoted = n.Style != YamlDotNet.Core.ScalarStyle.Plain },
        _ => new V1Scalar(null, (int)node.Start.Line) { File = file },
    };
}
