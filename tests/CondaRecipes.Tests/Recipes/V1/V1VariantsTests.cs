using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>variants.yaml beside a recipe.yaml: read like a variant config file (zip_keys, if/then/else), reduced to what the recipe uses.</summary>
public class V1VariantsTests
{
    private const string Variants = """
        python:
          - "3.11"
          - "3.12"
        numpy:
          - "1.26"
          - "2.0"
        mpi:
          - if: linux
            then: [openmpi, mpich]
            else: [msmpi]
        cuda:
          - if: win
            then: "12.4"
        unused:
          - a
          - b
        zip_keys:
          - [python, numpy]
        """;

    private const string Recipe = """
        package: {name: demo, version: "1.0"}
        requirements:
          host:
            - python
            - numpy
            - ${{ mpi }}
          run:
            - python
        """;

    [Test]
    public void If_then_else_items_resolve_for_the_target_and_zip_keys_hold()
    {
        using var dir = new RecipeDirectory(Recipe, "recipe.yaml");
        dir.Write("variants.yaml", Variants);
        var spec = VariantConfigReader.Read(Path.Combine(dir.Path, "variants.yaml"), new RenderContext());
        Assert.That(spec.Lists["mpi"], Is.EqualTo(new[] { "openmpi", "mpich" }));
        Assert.That(spec.Lists.ContainsKey("cuda"), Is.False, "an if: without a branch for linux leaves the key without values");
        Assert.That(spec.ZipKeys.Single(), Is.EqualTo(new[] { "python", "numpy" }));
        Assert.That(RecipeFormat.OwnVariantFiles(dir.Path), Is.EqualTo(new[] { Path.Combine(dir.Path, "variants.yaml") }));
    }

    [Test]
    public void The_matrix_is_reduced_to_the_variables_the_recipe_uses_with_the_projects_items_on_top()
    {
        using var dir = new RecipeDirectory(Recipe, "recipe.yaml");
        dir.Write("variants.yaml", Variants);
        var config = VariantConfigMerger.Combine([VariantConfigReader.Read(Path.Combine(dir.Path, "variants.yaml"), new RenderContext())]);
        // The project narrows python to 3.12 (its CondaPython item): the zip selects the row with numpy 2.0.
        var items = new List<AxisDeclaration> { new(MatrixVariable.Python, ["3.12"]) };
        var matrix = ConfiguredMatrix.Expand(config, items, new Dictionary<string, string>());
        var zipGroups = matrix.Axes.Where(a => a.Variables.Count > 1)
            .Select(a => (IReadOnlyList<string>)a.Variables.Select(v => v.Name).ToList()).ToList();
        var reduced = VariantReducer.Reduce(matrix.Variants, zipGroups, v => RecipeRenderer.Render(dir.Path,
            new RenderContext { PythonVersion = v.PythonVersion, Variables = v.Variables.ToDictionary() }));
        var used = reduced.Select(r => string.Join(" ", r.Rendered!.UsedVariables.Where(kv => kv.Key != "target_platform").Select(kv => $"{kv.Key}={kv.Value}"))).ToList();
        Assert.That(used, Is.EqualTo(new[] { "mpi=openmpi numpy=2.0 python=3.12", "mpi=mpich numpy=2.0 python=3.12" }),
            "unused does not multiply the variants; mpi does");
    }
}
