namespace CondaRecipes.Recipes.V1;

/// <summary><c>about:</c> onto <see cref="RecipeAbout"/> (homepage, repository, documentation, license, license_file, …).</summary>
internal static class V1AboutReader
{
    public static RecipeAbout Read(V1Mapping? about)
    {
        if (about is null) return new RecipeAbout();
        V1Fields.CheckKeys(about, "about",
            ["homepage", "repository", "documentation", "license", "license_file", "license_family", "license_url", "summary", "description"]);
        return new RecipeAbout
        {
            Home = V1Fields.String(about, "homepage"),
            DevUrl = V1Fields.String(about, "repository"),
            DocUrl = V1Fields.String(about, "documentation"),
            License = V1Fields.String(about, "license"),
            LicenseFamily = V1Fields.String(about, "license_family"),
            LicenseFiles = V1Fields.List(about, "license_file"),
            Summary = V1Fields.String(about, "summary"),
            Description = V1Fields.String(about, "description"),
        };
    }
}
