using CondaRecipes.Recipes.Jinja;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// The expressions each listed output of a recipe.yaml is rendered from: context:, the top-level sections, the
/// output itself and, when it inherits one, the staging output. rattler-build evaluates every output on its own
/// and counts the variant keys that evaluation reads, so a key that only a sibling output names is not used by
/// this one (one output's <c>${{ mpi }}</c> does not enter the hash of the others), nor does a key that only an
/// <c>if:</c> branch (or inline <c>x if c else y</c> branch) not taken names.
/// </summary>
internal static class V1OutputTemplates
{
    /// <summary>By the line of the output's mapping (<see cref="Model.RecipeOutput.Line"/>); empty without outputs:.</summary>
    public static IReadOnlyDictionary<int, ParsedTemplate> For(YamlMappingNode root, string file, IReadOnlySet<YamlNode> untaken, JinjaScope scope)
    {
        var templates = new Dictionary<int, ParsedTemplate>();
        if (root.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "outputs").Value is not YamlSequenceNode list)
            return templates;
        var items = Items(list).ToList();
        var staging = items.Where(i => Has(i, "staging")).ToList();
        var shared = root.Children.Where(kv => (kv.Key as YamlScalarNode)?.Value != "outputs").ToList();
        foreach (var item in items.Where(i => !Has(i, "staging")))
        {
            var own = new YamlMappingNode(shared);
            own.Add("output", item);
            if (Has(item, "inherit"))
                for (int i = 0; i < staging.Count; i++) own.Add($"staging{i}", staging[i]);
            templates[(int)item.Start.Line] = V1Yaml.Expressions(own, file, untaken, scope);
        }
        // Outputs written on one line (a flow list) cannot be told apart by line: they take the whole recipe's.
        foreach (var line in items.GroupBy(i => (int)i.Start.Line).Where(g => g.Count() > 1).Select(g => g.Key))
            templates.Remove(line);
        return templates;
    }

    // The output mappings, also those an if:/then:/else: item lists (the condition itself is shared by both).
    private static IEnumerable<YamlMappingNode> Items(YamlSequenceNode list)
    {
        foreach (var node in list.Children.OfType<YamlMappingNode>())
        {
            if (!Has(node, "if")) { yield return node; continue; }
            foreach (var (k, v) in node.Children)
            {
                if ((k as YamlScalarNode)?.Value is not ("then" or "else")) continue;
                if (v is YamlMappingNode one) yield return one;
                else if (v is YamlSequenceNode many) foreach (var item in Items(many)) yield return item;
            }
        }
    }

    private static bool Has(YamlMappingNode map, string key) => map.Children.Keys.Any(k => (k as YamlScalarNode)?.Value == key);
}
