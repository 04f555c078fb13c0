using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// The YAML tree operations the recorded recipes (<see cref="RecordedRecipe"/>, <see cref="V1RecordedRecipe"/>) are
/// written with: read a key, copy a mapping, set a key in place, a string scalar quoted where YAML would read it as
/// something else, and the document as text in the layout conda-build's dumper writes.
/// </summary>
internal static partial class RecordedYaml
{
    public static string? Key(YamlNode key) => (key as YamlScalarNode)?.Value;

    public static YamlNode? Get(YamlMappingNode? map, string key) =>
        map?.Children.FirstOrDefault(kv => Key(kv.Key) == key).Value;

    /// <summary>A copy of the mapping (the rendered tree is left as parsed), or a new one for anything else.</summary>
    public static YamlMappingNode Mapping(YamlNode? node)
    {
        var copy = new YamlMappingNode();
        if (node is YamlMappingNode map)
            foreach (var (key, value) in map.Children) copy.Add(key, value);
        return copy;
    }

    /// <summary>Replaces the key's value where it stands, or adds the key at the end.</summary>
    public static void Set(YamlMappingNode map, string key, YamlNode value) => map.Children[new YamlScalarNode(key)] = value;

    /// <summary>A string, quoted where YAML would read it plain as a number, a bool or null (a version '2.0').</summary>
    public static YamlScalarNode Str(string value) => new(value)
    {
        Style = NotAString().IsMatch(value) ? ScalarStyle.SingleQuoted : ScalarStyle.Any,
    };

    [GeneratedRegex(@"^([-+]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][-+]?\d+)?|y|n|yes|no|true|false|on|off|null|~|)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAString();

    public static string Emit(YamlMappingNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        // Lists indented under their key, as conda-build's dumper writes them.
        new YamlStream(new YamlDocument(root)).Save(new Emitter(writer, EmitterSettings.Default.WithIndentedSequences()), assignAnchors: false);
        // YamlDotNet closes the document with an explicit end marker; the file is the one document.
        string text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>Records the package's own name, version and build string in <paramref name="recipe"/> (copies of its
    /// package and build sections replace them); returns the new build section.</summary>
    public static YamlMappingNode SetIdentity(YamlMappingNode recipe, Recipes.RenderedOutput output)
    {
        var package = Mapping(Get(recipe, "package"));
        Set(package, "name", Str(output.Recipe.Package.Name));
        Set(package, "version", Str(output.Recipe.Package.Version));
        Set(recipe, "package", package);
        var build = Mapping(Get(recipe, "build"));
        Set(build, "string", Str(output.BuildString));
        Set(recipe, "build", build);
        return build;
    }
}
