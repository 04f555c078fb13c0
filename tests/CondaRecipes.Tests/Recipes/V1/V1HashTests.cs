using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>
/// rattler-build's hash and default build string for recipe.yaml outputs. Expected values are rattler-build's
/// own: <c>h${{ hash }}_my_pkg</c> on linux-64 with nothing else used gives <c>hb0f4dca_my_pkg</c>; the variant
/// {target_platform: linux-64, python: 3.11, numpy: 1.20} gives <c>np120py311he588871</c>.
/// </summary>
public class V1HashTests
{
    private static RenderedRecipe Render(string yaml, RenderContext context)
    {
        using var dir = new RecipeDirectory(yaml, "recipe.yaml");
        return RecipeRenderer.Render(dir.Path, context);
    }

    [Test]
    public void Hash_expression_is_the_seven_hex_digits_of_the_used_variant()
    {
        var r = Render("""
            package:
              name: my_pkg
              version: "1.0"
            build:
              string: h${{ hash }}_my_pkg
            """, new RenderContext());
        Assert.That(r.BuildString, Is.EqualTo("hb0f4dca_my_pkg"));
        Assert.That(r.HashInput, Is.EqualTo("""{"target_platform": "linux-64"}"""));
    }

    [Test]
    public void Default_build_string_has_the_numpy_and_python_prefix_and_the_hash()
    {
        var r = Render("""
            package:
              name: withnumpy
              version: "1.0"
            requirements:
              host:
                - python
                - numpy
              run:
                - python
            """, new RenderContext { PythonVersion = "3.11", Variables = new Dictionary<string, string> { ["numpy"] = "1.20", ["perl"] = "5.32" } });
        Assert.That(r.BuildString, Is.EqualTo("np120py311he588871_0"));
    }

    [Test]
    public void Default_build_string_without_used_variables_still_has_a_hash()
    {
        var r = Render("""
            package:
              name: plain
              version: "1.0"
            build:
              number: 3
            """, new RenderContext());
        Assert.That(r.BuildString, Is.EqualTo("hb0f4dca_3"));
    }

    [Test]
    public void Noarch_python_gets_py_prefix_and_hashes_noarch_without_python()
    {
        var r = Render("""
            package:
              name: purepy
              version: "1.0"
            build:
              noarch: python
            requirements:
              host:
                - python
              run:
                - python
            """, new RenderContext { PythonVersion = "3.12" });
        Assert.That(r.HashInput, Is.EqualTo("""{"target_platform": "noarch"}"""));
        Assert.That(r.BuildString, Does.Match("^pyh[0-9a-f]{7}_0$"));
    }
}
