using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>Every kind of broken YAML in a meta.yaml is CR1002 with the recipe's file and the line of the fault.</summary>
public class MalformedYamlTests
{
    private const string Head = "package:\n  name: foo\n  version: 1.0\n";

    [TestCase(Head + "requirements:\n  run: [a, b\n", 5, TestName = "An unclosed [")]
    [TestCase(Head + "requirements:\n  run: [a, b\nabout:\n  home: x\n", 5, TestName = "An unclosed [ followed by more keys")]
    [TestCase(Head + "extra: {a: 1\n", 4, TestName = "An unclosed {")]
    [TestCase(Head + "extra: {a: 1, b\n", 4, TestName = "An unterminated flow map")]
    [TestCase(Head + "extra: {a: [1, 2}\n", 4, TestName = "Mismatched brackets")]
    [TestCase("package:\n\tname: foo\n", 2, TestName = "A tab as indentation")]
    [TestCase("package:\n  name: foo\n version: 1.0\n", 3, TestName = "Bad indentation")]
    [TestCase("package:\n  name: \"foo\n  version: 1.0\n", 2, TestName = "An unclosed double quote")]
    [TestCase("package:\n  name: 'foo\n  version: 1.0\n", 2, TestName = "An unclosed single quote")]
    [TestCase(Head + "about:\n  summary: a: b\n", 5, TestName = "A colon inside a plain value")]
    [TestCase(Head + "extra:\n  a: *nowhere\n", 5, TestName = "An alias to an undefined anchor")]
    [TestCase(Head + "extra:\n  a: &x 1\n  b: &x\n    - [\n", 7, TestName = "A repeated anchor on a broken node")]
    [TestCase(Head + "}\n", 4, TestName = "A lone closing brace")]
    [TestCase("%YAML 9.9\n---\n" + Head, 1, TestName = "An unsupported YAML version directive")]
    [TestCase(Head + "build:\n  number: 0\nbuild:\n  number: 1\n", 6, TestName = "A duplicate key")]
    [TestCase(Head + "extra:\n  a: 1\n  a: 2\n", 6, TestName = "A duplicate nested key")]
    [TestCase("just a string\n", 1, TestName = "A scalar document")]
    public void Is_CR1002_at_its_line(string metaYaml, int line)
    {
        using var dir = new RecipeDirectory(metaYaml);
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.MalformedYaml), e.ToString());
        Assert.That(e.File, Is.EqualTo(dir.MetaPath()));
        Assert.That(e.Line, Is.EqualTo(line), e.ToString());
        Assert.That(e.Hint, Is.Not.Null.And.Not.Empty);
    }

    /// <summary>Not a YAML fault: a recipe without a package, which conda-build reports as package/name missing.</summary>
    [TestCase("---\n")]
    [TestCase("")]
    [TestCase("# only a comment\n")]
    [TestCase("---\n...\n")]
    public void An_empty_document_is_a_recipe_without_a_name(string metaYaml)
    {
        using var dir = new RecipeDirectory(metaYaml);
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.PackageNameMissing), e.ToString());
        Assert.That(e.File, Is.EqualTo(dir.MetaPath()));
    }

    [Test]
    public void An_anchor_defined_twice_is_valid_and_an_alias_takes_the_latest_as_in_PyYAML()
    {
        using var dir = new RecipeDirectory(Head + "extra:\n  a: &x one\n  b: &x two\n  c: *x\n");
        var recipe = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(recipe.Recipe.Extra["c"], Is.EqualTo("two"));
    }

    [TestCase("python:\n  - 3.12\nmpi: [openmpi, mpich\nzip_keys:\n  - [python]\n", 3)]
    [TestCase("python:\n\t- 3.12\n", 2)]
    public void A_broken_conda_build_config_yaml_is_CR1105_at_its_line(string text, int line)
    {
        var e = Assert.Throws<CondaRecipesException>(() =>
            CondaRecipes.Recipes.Variants.VariantConfigReader.Parse(text, "/r/conda_build_config.yaml", new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(CondaRecipes.Recipes.Matrix.MatrixErrorCodes.ConfigYamlInvalid), e.ToString());
        Assert.That(e.Line, Is.EqualTo(line), e.ToString());
    }
}
