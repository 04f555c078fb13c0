using System.Security;
using System.Text;

namespace CondaRecipes.Site;

/// <summary>The text of a recipe project that wraps an existing recipe folder.</summary>
public static class RecipeProjectText
{
    public static string For(WrappedRecipe recipe)
    {
        string projectDir = Path.GetDirectoryName(recipe.ProjectPath)!;
        string recipeDir = Path.GetRelativePath(projectDir, recipe.RecipeDir).Replace('\\', '/');
        string name = Path.GetFileNameWithoutExtension(recipe.ProjectPath);
        var text = new StringBuilder();
        text.Append("<Project Sdk=\"CondaRecipes.Sdk\">\n");
        text.Append($"  <!-- The recipe in {Xml(recipeDir)}/, as it is: {Xml(string.Join(", ", recipe.Packages))}.\n");
        text.Append("       Its variant files (conda_build_config.yaml, variants.yaml), if any, are read by the SDK itself. -->\n");
        if (recipeDir != name)
            text.Append($"  <PropertyGroup>\n    <CondaRecipeDir>{Xml(recipeDir)}</CondaRecipeDir>\n  </PropertyGroup>\n");
        if (recipe.Pythons.Count > 0 || recipe.References.Count > 0)
        {
            text.Append("  <ItemGroup>\n");
            if (recipe.Pythons.Count > 0)
                text.Append($"    <CondaPython Include=\"{Xml(string.Join(';', recipe.Pythons))}\" />\n");
            foreach (var reference in recipe.References)
                text.Append($"    <ProjectReference Include=\"{Xml(Path.GetRelativePath(projectDir, reference).Replace('\\', '/'))}\" />\n");
            text.Append("  </ItemGroup>\n");
        }
        text.Append("</Project>\n");
        return text.ToString();
    }

    private static string Xml(string value) => SecurityElement.Escape(value)!;
}
