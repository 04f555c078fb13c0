using CondaRecipes.Diagnostics;

namespace CondaRecipes.Planning;

/// <summary>Which engine builds the variants (CondaBuildEngine), read once where the setting enters.</summary>
public enum VariantEngineKind
{
    /// <summary><c>native</c>: the embedded pipeline, no conda needed.</summary>
    Native,
    /// <summary><c>conda-build</c>: an external, patched conda-build.</summary>
    CondaBuild,
}

public static class VariantEngineKinds
{
    /// <exception cref="CondaRecipesException">CR8201 for a value other than native or conda-build.</exception>
    public static VariantEngineKind Parse(string value, string? projectFile) => value.Trim() switch
    {
        "native" or "" => VariantEngineKind.Native,
        "conda-build" => VariantEngineKind.CondaBuild,
        _ => throw new CondaRecipesException(PlanningErrorCodes.UnknownBuildEngine,
            $"Unknown value '{value}' for CondaBuildEngine. Use native (the embedded engine) or conda-build (an external, patched conda-build).",
            projectFile),
    };
}
