using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// A rattler-build <c>variants.yaml</c> may select values with <c>if/then/else</c> list items (and
/// expressions); they are resolved for the target platform before the engine's variant-config reader reads
/// the file like a conda_build_config.yaml. A file without them is returned unchanged, so its lines stay.
/// </summary>
internal static class V1VariantsFile
{
    public static string Resolve(string text, string file, RenderContext context)
    {
        var root = V1Yaml.Load(text, file);
        if (!HasSelectors(root) && !V1Expressions.HasExpression(text)) return text;
        var expressions = new V1Expressions(V1Globals.Create(context, Path.GetDirectoryName(file) ?? ".", null, ""), file);
        var resolved = (V1Mapping)new V1TreeResolver(expressions, file).Resolve(root)!;
        return V1Emitter.Emit(resolved).Text;
    }

    private static bool HasSelectors(YamlNode node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Any(c => c is YamlMappingNode m && m.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "if") || HasSelectors(c)),
        YamlMappingNode map => map.Children.Values.Any(HasSelectors),
        _ => false,
    };
}
