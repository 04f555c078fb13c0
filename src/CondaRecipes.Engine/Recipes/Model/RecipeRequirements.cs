namespace CondaRecipes.Recipes;

/// <summary>The <c>requirements</c> section.</summary>
public sealed record RecipeRequirements
{
    public IReadOnlyList<RecipeRequirement> Build { get; init; } = [];

    public IReadOnlyList<RecipeRequirement> Host { get; init; } = [];

    public IReadOnlyList<RecipeRequirement> Run { get; init; } = [];

    /// <summary><c>run_constrained</c>.</summary>
    public IReadOnlyList<RecipeRequirement> RunConstrained { get; init; } = [];

    /// <summary>True when the recipe has a <c>host</c> key (conda-build then treats it as a cross-capable recipe).</summary>
    public bool HasHostSection { get; init; }
}

/// <summary>One requirement as written (a MatchSpec such as <c>python &gt;=3.9</c>) and its template line.</summary>
public sealed record RecipeRequirement(string Spec, int Line)
{
    /// <summary>The package name: the spec up to the first space (or operator-free end).</summary>
    public string Name => Spec.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : Spec;

    /// <summary>The <c>pin_compatible</c> call this requirement stands for until the host environment is resolved, or null.</summary>
    public Pins.PinCompatible? PendingPin => Pins.PinCompatible.FromSpec(Spec);

    public override string ToString() => Spec;
}
