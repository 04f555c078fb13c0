using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>
/// Unquoted ints and bools of a recipe's variant files stay typed in the hash input and in expressions, as in
/// rattler-build, while the matrix carries every value as text. Expected hashes follow rattler-build's rule: the
/// first 7 hex digits of sha1 of the sorted variant as JSON with <c>", "</c>/<c>": "</c> separators, so
/// <c>{"pybind11_abi": 4, "target_platform": "linux-64"}</c> gives ccc52ea and the quoted <c>"4"</c> gives c0eb548
/// (rattler-build's env_vars test data has an unquoted <c>pybind11_abi: [4]</c> and expects the number 4 in
/// its hash input).
/// </summary>
public class V1VariantTypesTests
{
    /// <summary>The first variant as a build expands it from the recipe's own variant files, with
    /// <paramref name="items"/> standing for CondaVariant items (they replace the file's values).</summary>
    private static RenderedRecipe RenderFirstVariant(RecipeDirectory dir, IReadOnlyDictionary<string, string>? items = null)
    {
        var context = new RenderContext();
        var specs = new List<VariantConfigSpec> { VariantDefaults.For(context.Subdir, RecipeFormat.KindOf(dir.Path)) };
        specs.AddRange(RecipeFormat.OwnVariantFiles(dir.Path).Select(f => VariantConfigReader.Read(f, context)));
        var variables = ConfiguredMatrix.Expand(VariantConfigMerger.Combine(specs), [], new Dictionary<string, string>())
            .Variants[0].Variables.ToDictionary();
        foreach (var (key, value) in items ?? new Dictionary<string, string>()) variables[key] = value;
        return RecipeRenderer.Render(dir.Path, context with { Variables = variables });
    }

    private const string AbiRecipe = """
        package:
          name: abi_user
          version: "0.1.0"
        requirements:
          build:
            - pybind11-abi
        """;

    [Test]
    public void An_unquoted_int_in_variants_yaml_is_hashed_as_a_number()
    {
        using var dir = new RecipeDirectory(AbiRecipe, "recipe.yaml");
        dir.Write("variants.yaml", """
            pybind11_abi:
              - 4
            """);
        var r = RenderFirstVariant(dir);
        Assert.That(r.HashInput, Is.EqualTo("""{"pybind11_abi": 4, "target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("hccc52ea_0"));
    }

    [Test]
    public void A_quoted_int_in_variants_yaml_stays_a_string()
    {
        using var dir = new RecipeDirectory(AbiRecipe, "recipe.yaml");
        dir.Write("variants.yaml", """
            pybind11_abi:
              - "4"
            """);
        var r = RenderFirstVariant(dir);
        Assert.That(r.HashInput, Is.EqualTo("""{"pybind11_abi": "4", "target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("hc0eb548_0"));
    }

    [Test]
    public void A_condavariant_value_other_than_the_files_is_a_string_like_rattler_builds_command_line_variant()
    {
        using var dir = new RecipeDirectory(AbiRecipe, "recipe.yaml");
        dir.Write("variants.yaml", """
            pybind11_abi:
              - 4
            """);
        var r = RenderFirstVariant(dir, new Dictionary<string, string> { ["pybind11_abi"] = "5" });
        Assert.That(r.HashInput, Is.EqualTo("""{"pybind11_abi": "5", "target_platform": "linux-64"}"""));
    }

    [Test]
    public void An_unquoted_int_selected_by_an_if_item_is_typed_too()
    {
        using var dir = new RecipeDirectory(AbiRecipe, "recipe.yaml");
        dir.Write("variants.yaml", """
            pybind11_abi:
              - if: linux
                then: 4
                else: "5"
            """);
        var r = RenderFirstVariant(dir);
        Assert.That(r.HashInput, Is.EqualTo("""{"pybind11_abi": 4, "target_platform": "linux-64"}"""));
    }

    private const string FlagRecipe = """
        package:
          name: flagged
          version: "1.0"
        requirements:
          run:
            - ${{ "feature_on" if flag else "feature_off" }}
        """;

    [Test]
    public void An_unquoted_false_in_variants_yaml_is_falsy_and_hashed_as_a_bool()
    {
        using var dir = new RecipeDirectory(FlagRecipe, "recipe.yaml");
        dir.Write("variants.yaml", "flag: [false]\n");
        var r = RenderFirstVariant(dir);
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "feature_off" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"flag": false, "target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("h994a82c_0"));
    }

    [Test]
    public void A_quoted_false_is_a_non_empty_string_and_so_truthy()
    {
        using var dir = new RecipeDirectory(FlagRecipe, "recipe.yaml");
        dir.Write("variants.yaml", "flag: [\"false\"]\n");
        var r = RenderFirstVariant(dir);
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "feature_on" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"flag": "false", "target_platform": "linux-64"}"""));
    }

    [Test]
    public void No_is_no_bool_in_yaml_1_2_so_it_stays_a_truthy_string()
    {
        using var dir = new RecipeDirectory(FlagRecipe, "recipe.yaml");
        dir.Write("variants.yaml", "flag: [no]\n");
        var r = RenderFirstVariant(dir);
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "feature_on" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"flag": "no", "target_platform": "linux-64"}"""));
    }

    [Test]
    public void An_unquoted_int_compares_equal_to_a_number_in_an_expression()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: abi_user
              version: "0.1.0"
            requirements:
              run:
                - ${{ "abi_four" if pybind11_abi == 4 else "abi_other" }}
            """, "recipe.yaml");
        dir.Write("variants.yaml", "pybind11_abi: [4]\n");
        var r = RenderFirstVariant(dir);
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "abi_four" }));
    }

    [Test]
    public void In_conda_build_config_yaml_a_block_list_number_stays_a_string_but_a_bool_is_typed()
    {
        // rattler-build quotes a number written as a '- item' line of conda_build_config.yaml before reading it.
        using var dir = new RecipeDirectory("""
            package:
              name: both
              version: "1.0"
            requirements:
              build:
                - pybind11-abi
              run:
                - ${{ "feature_on" if flag else "feature_off" }}
            """, "recipe.yaml");
        dir.Write("conda_build_config.yaml", """
            pybind11_abi:
              - 4
            flag:
              - false
            """);
        var r = RenderFirstVariant(dir);
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "feature_off" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"flag": false, "pybind11_abi": "4", "target_platform": "linux-64"}"""));
    }
}
