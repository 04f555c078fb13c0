using CondaRecipes.Diagnostics;

namespace CondaRecipes.Planning;

/// <summary>The archive extensions a <c>CondaPackageFormat</c> value asks for, read once.</summary>
public static class PackageFormats
{
    /// <summary><c>conda</c> → .conda, <c>tar.bz2</c> → .tar.bz2, <c>both</c> → both (in that order).</summary>
    /// <exception cref="CondaRecipesException">CR8104 for any other value.</exception>
    public static IReadOnlyList<string> Parse(string format, string? projectFile) => format.Trim().ToLowerInvariant() switch
    {
        "conda" or "" => [".conda"],
        "tar.bz2" => [".tar.bz2"],
        "both" => [".conda", ".tar.bz2"],
        _ => throw new CondaRecipesException(PlanningErrorCodes.UnknownPackageFormat,
            $"Unknown CondaPackageFormat '{format}'.", projectFile, hint: "Use conda, tar.bz2 or both."),
    };
}
