using CondaRecipes.Recipes;

namespace CondaRecipes.Planning;

/// <summary>
/// The planner's verdict on one variant, the same for <c>Plan</c> and for a build with either engine: the
/// rendered recipe, the package files, the status with its reason, and the inputs hash a build stamps.
/// </summary>
public sealed record VariantPlan
{
    public required VariantRequest Variant { get; init; }
    public required RenderedRecipe Rendered { get; init; }
    /// <summary>What <see cref="Rendered"/> was rendered with; a build renders again with it once the source is there.</summary>
    public RenderContext? RenderContext { get; init; }
    public required VariantStatus Status { get; init; }
    /// <summary>Why the variant must be built (or is skipped); null when up to date.</summary>
    public string? Reason { get; init; }
    /// <summary>
    /// The package files the variant produces in the channel, as far as they are known before building: the
    /// native engine names them from the rendering; the conda-build engine from its cached <c>--output</c>
    /// answer (empty when it never saw these inputs). Empty for a skipped variant.
    /// </summary>
    public required IReadOnlyList<string> Packages { get; init; }
    /// <summary>The variant variables the recipe uses, with their values (what distinguishes its variants).</summary>
    public IReadOnlyDictionary<string, string> UsedVariables => Rendered.UsedVariables;
    /// <summary>The inputs hash (<see cref="Pipeline.VariantFingerprint"/> plus the engine's settings); empty when skipped.</summary>
    public required string InputsHash { get; init; }
    public required string StampPath { get; init; }

    /// <summary>True when a build must run the engine (missing or out of date).</summary>
    public bool NeedsBuild => Status is VariantStatus.Missing or VariantStatus.OutOfDate;

    /// <summary>The status as printed: <c>up to date</c>, <c>missing</c>, <c>out of date: inputs changed</c>, <c>skipped: ...</c>.</summary>
    public string StatusText => Reason is null || Status == VariantStatus.Missing ? Status.Text() : $"{Status.Text()}: {Reason}";
}
