using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Build.Sources;

/// <summary>A patch named through <c>$SRC_DIR</c> (what recipe.yaml's <c>${{ SRC_DIR }}</c> renders to) is taken
/// from the placed sources, as rattler-build's patch_from_other_source case does.</summary>
public class LateBoundPatchTests : SourceTestBase
{
    [Test]
    public async Task A_patch_one_source_ships_patches_another()
    {
        const string patch = "--- a/hello.txt\n+++ b/hello.txt\n@@ -1 +1 @@\n-hello\n+hello patched\n";
        string provider = MakeTree("provider", ("fix.patch", patch));
        string lib = MakeTree("lib", ("hello.txt", "hello\n"));
        string work = WorkDir();
        await Prepare(work,
            Spec() with { Path = provider },
            Spec(6) with { Path = lib, Folder = "lib", Patches = ["$SRC_DIR/fix.patch"] });
        Assert.That(File.ReadAllText(Path.Combine(work, "lib", "hello.txt")), Is.EqualTo("hello patched\n"));
        Assert.That(SourceFetcher.ComputeInputsFingerprint([Spec(6) with { Path = lib, Patches = ["${SRC_DIR}/fix.patch"] }], RecipeDir), Has.Length.EqualTo(64));
    }

    [Test]
    public void Recipe_yaml_renders_SRC_DIR_in_a_patch_as_the_late_bound_variable()
    {
        using var dir = new CondaRecipes.Tests.Recipes.RecipeDirectory("""
            package: {name: p, version: "1"}
            source:
              - path: ./lib
                patches:
                  - ${{ SRC_DIR }}/fix.patch
            """, "recipe.yaml");
        var r = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(r.Recipe.Sources[0].Patches, Is.EqualTo(new[] { "$SRC_DIR/fix.patch" }));
    }
}
