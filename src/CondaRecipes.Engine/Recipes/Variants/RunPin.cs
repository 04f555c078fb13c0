namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// One <c>pin_run_as_build</c> entry: how a package resolved in the build or host environment pins the same
/// package in <c>run</c> when the recipe lists it there by name only. <c>x.x</c> keeps two version parts for
/// the lower bound (<see cref="MinPin"/>) and bumps the second part for the upper bound (<see cref="MaxPin"/>).
/// </summary>
public sealed record RunPin(string? MinPin, string? MaxPin)
{
    /// <summary>conda-build's defaults when no variant config file says otherwise: python and r-base <c>x.x</c>.</summary>
    public static IReadOnlyDictionary<string, RunPin> Defaults { get; } = new Dictionary<string, RunPin>(StringComparer.Ordinal)
    {
        ["python"] = new("x.x", "x.x"),
        ["r-base"] = new("x.x", "x.x"),
    };
}
