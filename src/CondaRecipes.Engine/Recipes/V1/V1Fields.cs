using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.V1;

/// <summary>Typed reads of the rendered tree, each failing with a coded error at the node's line.</summary>
internal static class V1Fields
{
    /// <summary>Rejects keys the section does not know; <paramref name="unsupported"/> names those the engine cannot honour.</summary>
    public static void CheckKeys(V1Mapping map, string section, IReadOnlyCollection<string> known, string? hint = null)
    {
        foreach (var entry in map.Entries)
            if (!known.Contains(entry.Key))
                throw new CondaRecipesException(V1ErrorCodes.KeyNotSupported,
                    $"'{section}' has the key '{entry.Key}', which {(hint is null ? "recipe.yaml does not define" : "this engine does not support")}.",
                    map.File, entry.Line, hint ?? $"Keys of '{section}': {string.Join(", ", known)}.");
    }

    public static V1Mapping? Mapping(V1Mapping? parent, string key)
    {
        if (parent?.Entry(key) is not { } entry) return null;
        return entry.Value as V1Mapping ?? throw Invalid(entry, $"'{key}' must be a mapping of keys.", "Indent its keys below it.");
    }

    public static string? String(V1Mapping? parent, string key)
    {
        if (parent?.Entry(key) is not { } entry) return null;
        return entry.Value is V1Scalar s ? s.Value : throw Invalid(entry, $"'{key}' must be a single value.", "Give one value, not a list or mapping.");
    }

    /// <summary>A scalar or a list of scalars, as a list.</summary>
    public static IReadOnlyList<string> List(V1Mapping? parent, string key)
    {
        if (parent?.Entry(key) is not { } entry) return [];
        return entry.Value switch
        {
            V1Scalar s => s.Value is null ? [] : [s.Value],
            V1Sequence seq => seq.Items.Select(i => i is V1Scalar { Value: { } v } ? v
                : throw new CondaRecipesException(V1ErrorCodes.ValueInvalid, $"An item of '{key}' is not a single value.", i.File, i.Line,
                    "List one value per item.")).ToList(),
            _ => throw Invalid(entry, $"'{key}' must be a value or a list of values.", "Give one value or a list."),
        };
    }

    public static int? Int(V1Mapping? parent, string key)
    {
        if (String(parent, key) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        throw Invalid(parent!.Entry(key)!, $"'{key}' is '{text}', not a non-negative whole number.", "Write a number such as 0.");
    }

    public static bool? Bool(V1Mapping? parent, string key)
    {
        if (String(parent, key) is not { } text) return null;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Invalid(parent!.Entry(key)!, $"'{key}' is '{text}', not true or false.", "Write true or false."),
        };
    }

    /// <summary>A key the engine cannot honour (with the value the recipe gave) is an error at its line.</summary>
    public static CondaRecipesException NotSupported(V1Mapping map, string key, string what, string hint) =>
        new(V1ErrorCodes.KeyNotSupported, $"'{key}' {what}: this engine cannot honour it.", map.File, map.Entry(key)?.Line ?? map.Line, hint);

    public static CondaRecipesException Invalid(V1Entry entry, string message, string hint) =>
        new(V1ErrorCodes.ValueInvalid, message, entry.Value.File, entry.Line, hint);
}
