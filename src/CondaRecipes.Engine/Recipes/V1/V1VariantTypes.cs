using System.Globalization;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Variants;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Which variant values rattler-build reads as a bool or an int. The matrix carries every value as text
/// (<see cref="Matrix.VariableCodec"/>), but rattler-build keeps an unquoted <c>4</c> or <c>false</c> of a variant
/// file typed: it enters the hash input as <c>4</c>/<c>false</c> (not <c>"4"</c>/<c>"false"</c>) and an
/// expression sees a number or a bool (<c>false</c> is falsy, <c>abi == 4</c> holds). Its rules:
/// <list type="bullet">
/// <item>variants.yaml: a plain (unquoted) scalar that is <c>true</c>/<c>True</c>/<c>TRUE</c> or
/// <c>false</c>/<c>False</c>/<c>FALSE</c> is a bool — YAML 1.2, so <c>yes</c>, <c>no</c>, <c>on</c>, <c>off</c> stay
/// strings; one that is a decimal 64-bit integer (optional sign) is an int; anything else, floats such as
/// <c>3.12</c> included, is a string.</item>
/// <item>conda_build_config.yaml: the same, except that a number written as a <c>- item</c> line is quoted by
/// rattler-build before the file is read, so it stays a string (a bool on such a line is still a bool).</item>
/// <item>A value given on rattler-build's command line (<c>--variant key=value</c>) is always a string and replaces
/// the file's values. A CondaVariant item plays that part, so its value is a string — unless it is the very text
/// of a typed value of the same key in the file, which the renderer cannot tell apart from the file's own.</item>
/// </list>
/// Only the recipe's own variant files (beside the recipe) are read here: values of site-wide variant config
/// files stay strings.
/// </summary>
internal static class V1VariantTypes
{
    private static readonly Dictionary<string, bool> Bools = new(StringComparer.Ordinal)
    {
        ["true"] = true, ["True"] = true, ["TRUE"] = true, ["false"] = false, ["False"] = false, ["FALSE"] = false,
    };

    /// <returns>For each key of <paramref name="variant"/> whose value rattler-build reads typed: the bool or long.</returns>
    public static IReadOnlyDictionary<string, object> Of(string recipeDir, IReadOnlyDictionary<string, string> variant, RenderContext context)
    {
        // Later files win for a key, as the variant config merge lets them.
        var typedByKey = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        foreach (var file in RecipeFormat.OwnVariantFiles(recipeDir))
            foreach (var (key, typed) in Read(file, context))
                typedByKey[key] = typed;
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in variant)
            if (typedByKey.TryGetValue(key, out var typed) && typed.TryGetValue(value, out var v))
                result[key] = v;
        return result;
    }

    /// <summary>The JSON literal of a typed value in the hash input.</summary>
    public static string Json(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Not a typed variant value: {value}", nameof(value)),
    };

    /// <summary>Per top-level key, the typed values its scalars give, by their text.</summary>
    private static Dictionary<string, Dictionary<string, object>> Read(string file, RenderContext context)
    {
        var result = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        bool condaBuildConfig = Path.GetFileName(file) == "conda_build_config.yaml";
        YamlMappingNode? root;
        try
        {
            // As the variant config reader sees the file (its if/then/else items not resolved: both branches count).
            root = VariantConfigReader.LoadSelected(TemplateCache.ReadText(file), file, context);
        }
        catch (CondaRecipesException)
        {
            // The variant config reader reports a broken file with its code; here it only has no typed values.
            return result;
        }
        if (root is null) return result;
        foreach (var (keyNode, value) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key }) continue;
            var typed = new Dictionary<string, object>(StringComparer.Ordinal);
            Collect(value, blockItem: false, condaBuildConfig, typed);
            result[key] = typed;
        }
        return result;
    }

    // Every value a key may take: its list items, including both branches of variants.yaml's if/then/else items.
    private static void Collect(YamlNode node, bool blockItem, bool condaBuildConfig, Dictionary<string, object> typed)
    {
        switch (node)
        {
            case YamlScalarNode scalar when Typed(scalar, blockItem, condaBuildConfig) is { } value:
                typed.TryAdd(scalar.Value!, value);
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children) Collect(item, seq.Style != SequenceStyle.Flow, condaBuildConfig, typed);
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                    if (k is YamlScalarNode { Value: "then" or "else" }) Collect(v, blockItem: false, condaBuildConfig, typed);
                break;
        }
    }

    private static object? Typed(YamlScalarNode scalar, bool blockItem, bool condaBuildConfig)
    {
        if (scalar.Style != ScalarStyle.Plain || scalar.Value is not { } text) return null;
        if (Bools.TryGetValue(text, out bool b)) return b;
        // rattler-build quotes a conda_build_config.yaml '- item' that reads as a number, whole or not.
        if (condaBuildConfig && blockItem) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l : null;
    }
}
