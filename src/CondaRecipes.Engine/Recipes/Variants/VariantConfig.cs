namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// The variant sources of a recipe merged in conda-build's order: each key's values (the last source that
/// sets a key wins, except the <c>extend_keys</c>, whose lists are united and mappings updated), the
/// <c>zip_keys</c> groups of all sources, and the settings that configure the render rather than make
/// variants (<c>pin_run_as_build</c>, <c>ignore_version</c>, <c>ignore_build_only_deps</c>).
/// </summary>
public sealed class VariantConfig
{
    /// <summary>Keys with their values, in the order they were first set: the candidate matrix axes.</summary>
    public required IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Keys { get; init; }

    /// <summary>Groups of keys whose values move together.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> ZipGroups { get; init; }

    public required VariantSettings Settings { get; init; }

    /// <summary>
    /// conda-build's final filter (<c>filter_combined_spec_to_used_keys</c>): from the highest-priority source
    /// down, the first values given for each key; the variants keep only those values, unless that keeps none.
    /// Matters where a later file narrows part of a zipped group.
    /// </summary>
    public required IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Selections { get; init; }

    /// <summary>Where each key was last set: file and line, for error messages.</summary>
    public required IReadOnlyDictionary<string, (string Source, int Line)> Origins { get; init; }
}
