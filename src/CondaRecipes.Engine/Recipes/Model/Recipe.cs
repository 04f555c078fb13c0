namespace CondaRecipes.Recipes;

/// <summary>
/// A rendered conda-build recipe (one variant of <c>meta.yaml</c> after Jinja and selectors), typed and
/// immutable. Sections the recipe leaves out or leaves empty hold their defaults.
/// </summary>
public sealed record Recipe
{
    public required RecipePackage Package { get; init; }

    /// <summary>The <c>source</c> section: a single mapping or a list of mappings, in order.</summary>
    public IReadOnlyList<RecipeSource> Sources { get; init; } = [];

    public RecipeBuild Build { get; init; } = new();

    public RecipeRequirements Requirements { get; init; } = new();

    public RecipeTest Test { get; init; } = new();

    public RecipeAbout About { get; init; } = new();

    /// <summary>
    /// The <c>extra</c> section as plain values: <see cref="string"/> (null for YAML null),
    /// <see cref="IReadOnlyList{T}"/> of values, <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to value.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = new Dictionary<string, object?>();
}

/// <summary><c>package/name</c> and <c>package/version</c>, both required and non-empty.</summary>
public sealed record RecipePackage(string Name, string Version);
