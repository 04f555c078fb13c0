using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Stages;
using CondaRecipes.Recipes.V1;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>As rattler-build's missing_license_file/missing_license_glob cases: a license_file entry that matches
/// nothing fails the build.</summary>
public class V1LicenseFilesTests
{
    private const string Text = "package: {name: a, version: '1'}\nabout:\n  license: MIT\n  license_file:\n    - LICENSE\n";

    [Test]
    public void Entries_found_in_the_source_or_the_recipe_folder_pass_and_others_fail_at_their_line()
    {
        string root = Directory.CreateTempSubdirectory("cr-license-").FullName;
        try
        {
            string src = Directory.CreateDirectory(Path.Combine(root, "src", "doc")).Parent!.FullName;
            string recipe = Directory.CreateDirectory(Path.Combine(root, "recipe")).FullName;
            File.WriteAllText(Path.Combine(src, "doc", "COPYING.license"), "text");
            File.WriteAllText(Path.Combine(recipe, "LICENSE"), "text");
            string file = Path.Combine(recipe, "recipe.yaml");

            Assert.DoesNotThrow(() => V1LicenseFiles.Check(["LICENSE", "doc/*.license"], src, recipe, file, Text));
            var missing = Assert.Throws<CondaRecipesException>(() => V1LicenseFiles.Check(["NOTICE"], src, recipe, file, Text))!;
            Assert.That((missing.Code, missing.Line, missing.File), Is.EqualTo((V1ErrorCodes.LicenseFileMissing, 4, file)));
            var glob = Assert.Throws<CondaRecipesException>(() => V1LicenseFiles.Check(["*.txt"], src, recipe, file, Text))!;
            Assert.That(glob.Code, Is.EqualTo(V1ErrorCodes.LicenseFileMissing));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
