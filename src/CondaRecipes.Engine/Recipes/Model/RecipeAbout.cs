namespace CondaRecipes.Recipes;

/// <summary>The <c>about</c> section.</summary>
public sealed record RecipeAbout
{
    public string? Home { get; init; }

    public string? License { get; init; }

    public string? LicenseFamily { get; init; }

    /// <summary><c>license_file</c>: one file or a list of files (relative to the recipe or work directory).</summary>
    public IReadOnlyList<string> LicenseFiles { get; init; } = [];

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? DevUrl { get; init; }

    public string? DocUrl { get; init; }
}
