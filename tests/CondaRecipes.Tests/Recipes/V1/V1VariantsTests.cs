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

    [Test]
    public void A_branch_not_taken_leaves_what_it_names_out_of_the_hash_but_in_the_matrix()
    {
        // rattler-build evaluates only the if: branch it takes, so compiler('cuda') and ${{ mpi }} under a false
        // condition add neither cuda_compiler nor mpi to that variant's hash; the variants that take the branch
        // still differ by mpi. A script is the exception: what any of its branches names counts.
        using var dir = new RecipeDirectory("""
            package: {name: maybe-gpu, version: "1.0"}
            requirements:
              build:
                - if: cuda_compiler_version != "None"
                  then:
                    - ${{ compiler('cuda') }}
                    - mpi-tools ${{ mpi }}.*
                  else:
                    - make
            build:
              script:
                - if: cuda_compiler_version != "None"
                  then:
                    - echo ${{ cuda_arch }}
            """, "recipe.yaml");
        dir.Write("variants.yaml", """
            cuda_compiler:
              - cuda-nvcc
            cuda_compiler_version:
              - None
              - "12.4"
            mpi:
              - openmpi
              - mpich
            cuda_arch:
              - sm_90
            """);
        var config = VariantConfigMerger.Combine([VariantConfigReader.Read(Path.Combine(dir.Path, "variants.yaml"), new RenderContext())]);
        var matrix = ConfiguredMatrix.Expand(config, [], new Dictionary<string, string>());
        var reduced = VariantReducer.Reduce(matrix.Variants, [], v => RecipeRenderer.Render(dir.Path,
            new RenderContext { PythonVersion = v.PythonVersion, Variables = v.Variables.ToDictionary() }));
        var hashed = reduced.Select(r => r.Rendered!.HashInput).ToList();
        Assert.That(hashed, Is.EqualTo(new[]
        {
            """{"cuda_arch": "sm_90", "cuda_compiler_version": "None", "target_platform": "linux-64"}""",
            """{"cuda_arch": "sm_90", "cuda_compiler": "cuda-nvcc", "cuda_compiler_version": "12.4", "mpi": "openmpi", "target_platform": "linux-64"}""",
            """{"cuda_arch": "sm_90", "cuda_compiler": "cuda-nvcc", "cuda_compiler_version": "12.4", "mpi": "mpich", "target_platform": "linux-64"}""",
        }), "the two None variants are one package; the 12.4 ones keep both mpi values");
    }

    [Test]
    public void Of_an_inline_condition_only_the_selected_value_counts_except_in_a_script()
    {
        // rattler-build's expression ${{ "py" ~ python if unix else "np" ~ numpy }} reads python on linux, not
        // numpy; a script keeps its expressions for the build, and every name in them counts.
        using var dir = new RecipeDirectory("""
            package: {name: inline-pick, version: "1.0"}
            about:
              summary: ${{ "py" ~ python if unix else "np" ~ numpy }}
            build:
              script:
                - echo ${{ mpi if win else blas }}
            """, "recipe.yaml");
        var r = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            PythonVersion = "3.12",
            Variables = new Dictionary<string, string> { ["numpy"] = "2.0", ["mpi"] = "openmpi", ["blas"] = "mkl" },
        });
        Assert.That(r.Recipe.About.Summary, Is.EqualTo("py3.12"));
        Assert.That(r.HashInput, Is.EqualTo("""{"blas": "mkl", "mpi": "openmpi", "python": "3.12", "target_platform": "linux-64"}"""));
    }
}
