using CondaRecipes.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// <c>build.steps</c> (rattler-build's ordered build steps, each with its own <c>if</c>, <c>run</c>, <c>env</c>
/// and <c>cwd</c>) is not honoured. It is refused on the raw YAML, before the tree is resolved: its items carry
/// <c>if:</c> beside <c>run:</c>, which the resolver would otherwise report as a malformed selector.
/// </summary>
internal static class V1BuildSteps
{
    public static void Refuse(YamlMappingNode root, string file)
    {
        Check(root, file);
        if (Child(root, "outputs") is YamlSequenceNode outputs)
            foreach (var output in outputs.Children.OfType<YamlMappingNode>())
                Check(output, file);
    }

    private static void Check(YamlMappingNode owner, string file)
    {
        if (Child(owner, "build") is not YamlMappingNode build) return;
        var steps = build.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "steps").Key;
        if (steps is null) return;
        throw new CondaRecipesException(V1ErrorCodes.KeyNotSupported,
            "'build' has the key 'steps' (ordered build steps with per-step if/run/env/cwd), which this engine does not support.",
            file, (int)steps.Start.Line,
            "Write the steps as one build.script (a list of commands, with if/then/else items for platform-specific ones, and script.env for variables).");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == key).Value;
}
