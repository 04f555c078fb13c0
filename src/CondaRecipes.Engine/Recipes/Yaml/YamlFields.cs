using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.Yaml;

/// <summary>
/// Reads typed values out of YamlDotNet nodes, reporting a wrong shape as <see cref="RecipeErrorCodes.FieldInvalid"/>
/// at the template line of the node. Plain scalars stay strings (conda-build keeps "1.10" as "1.10").
/// </summary>
internal sealed class YamlFields(string file, LineMap lineMap)
{
    /// <summary>The recipe file the fields are read from.</summary>
    public string File => file;

    public int LineOf(YamlNode node) => lineMap.ToTemplateLine((int)node.Start.Line);

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null) return null;
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode { Value: var name } && name == key) return v;
        return null;
    }

    /// <summary>The key node of <paramref name="key"/>, for the line of a section whose value is empty.</summary>
    public YamlNode? KeyOf(YamlMappingNode? map, string key) =>
        map?.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var name } && name == key);

    /// <summary>A mapping, or null for a missing or empty section.</summary>
    public YamlMappingNode? Mapping(YamlNode? node, string path)
    {
        if (IsNull(node)) return null;
        if (node is YamlMappingNode map) return map;
        throw Invalid(node!, path, "a mapping");
    }

    public string? String(YamlNode? node, string path)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode scalar) return scalar.Value;
        throw Invalid(node!, path, "a single value");
    }

    /// <summary>A scalar (one item) or a sequence of scalars; null items (an empty '- ') are skipped.</summary>
    public IReadOnlyList<string> StringList(YamlNode? node, string path) =>
        Items(node, path).Select(n => n.Value).ToList();

    public IReadOnlyList<(string Value, int Line)> Items(YamlNode? node, string path)
    {
        if (IsNull(node)) return [];
        if (node is YamlScalarNode scalar) return [(scalar.Value ?? "", LineOf(scalar))];
        if (node is not YamlSequenceNode sequence) throw Invalid(node!, path, "a value or a list of values");
        var items = new List<(string, int)>();
        foreach (var child in sequence.Children)
        {
            if (IsNull(child)) continue;
            if (child is not YamlScalarNode s) throw Invalid(child, path, "a list of single values");
            items.Add((s.Value ?? "", LineOf(s)));
        }
        return items;
    }

    public bool? Bool(YamlNode? node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        return text switch
        {
            "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
            "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
            _ => throw Invalid(node!, path, "true or false"),
        };
    }

    /// <summary>Any node as plain values (for <c>extra</c>).</summary>
    public static object? ToPlain(YamlNode node) => node switch
    {
        _ when IsNull(node) => null,
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(kv => (kv.Key as YamlScalarNode)?.Value ?? kv.Key.ToString(), kv => ToPlain(kv.Value)),
        _ => null,
    };

    public CondaRecipesException Invalid(YamlNode node, string path, string expected) =>
        new(RecipeErrorCodes.FieldInvalid,
            $"'{path}' must be {expected}, but it is {Describe(node)}.", file, LineOf(node),
            $"Write '{path}' as {expected}; see conda-build's meta.yaml reference.");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.NodeType.ToString(),
    };
}
