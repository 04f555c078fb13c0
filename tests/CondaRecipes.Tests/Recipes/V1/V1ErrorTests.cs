using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.V1;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>What recipe.yaml asks for and the engine cannot honour fails with a code at the YAML line.</summary>
public class V1ErrorTests
{
    private static CondaRecipesException Fails(string yaml, RenderContext? context = null)
    {
        using var dir = new RecipeDirectory(yaml, "recipe.yaml");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, context ?? new RenderContext()))!;
        Assert.That(e.File, Is.EqualTo(dir.MetaPath("recipe.yaml")));
        Assert.That(e.Hint, Is.Not.Null.And.Not.Empty);
        return e;
    }

    [TestCase("package: {name: a, version: '1'}\nbuild:\n  number: 0\n  post_process: []\n", V1ErrorCodes.KeyNotSupported, 4)]
    [TestCase("package: {name: a, version: '1'}\nbuild:\n  numbr: 0\n", V1ErrorCodes.KeyNotSupported, 3)]
    [TestCase("package: {name: a, version: '1'}\nrequirements:\n  host:\n    - if: linux\n      thn: x\n", V1ErrorCodes.SelectorInvalid, 5)]
    [TestCase("package: {name: a, version: '1'}\nrequirements:\n  host:\n    - if: linux\n", V1ErrorCodes.SelectorInvalid, 4)]
    [TestCase("package: {name: a, version: '1'}\nabout:\n  summary: ${{ 1 + }}\n", V1ErrorCodes.ExpressionFailed, 3)]
    [TestCase("package: {name: a, version: '1'}\nabout:\n  summary: ${{ nothing }}\n", V1ErrorCodes.VariableUndefined, 3)]
    [TestCase("package: {name: a, version: '1'}\nabout:\n  summary: ${{ env.get('NOT_SET_HERE') }}\n", RecipeErrorCodes.EnvironmentVariableNotSet, 3)]
    [TestCase("package: {name: a}\n", V1ErrorCodes.PackageMissing, 1)]
    [TestCase("package: {name: a, version: '1'}\nbuild:\n  number: 0\n  steps:\n    - if: unix\n      run: echo one\n", V1ErrorCodes.KeyNotSupported, 4)]
    [TestCase("recipe: {name: a, version: '1'}\noutputs:\n  - package: {name: b}\n    build:\n      steps:\n        - run: echo one\n", V1ErrorCodes.KeyNotSupported, 5)]
    [TestCase("package: {name: a, version: '1'}\nsource:\n  git: https://example.invalid/a.git\n  rev: v1\n  expected_commit: 0123456789abcdef0123456789abcdef01234567\n", V1ErrorCodes.KeyNotSupported, 5)]
    [TestCase("package: {name: a, version: '1'}\nbuild:\n  noarch: generic\n  script:\n    env:\n      FOO: ${{ some_option }}\n    content:\n      - echo $FOO\n", V1ErrorCodes.VariableUndefined, 6)]
    [TestCase("package: {name: a, version: '1'}\nbuild:\n  number: ${{ 10 if false }}\n  noarch: generic\n  script:\n    env:\n      FOO: ${{ some_option }}\n    content:\n      - if: unix\n        then:\n          - echo $FOO\n        else:\n          - echo %FOO%\n", V1ErrorCodes.VariableUndefined, 7)]
    [TestCase("context:\n  x: ${{ some_option }}\npackage: {name: a, version: '1'}\n", V1ErrorCodes.VariableUndefined, 2)]
    [TestCase("package: {name: a, version: '1'}\nrequirements:\n  run:\n    - ${{ pin_compatible('b', 'x.x') }}\n", V1ErrorCodes.ExpressionFailed, 4)]
    [TestCase("package: {name: a, version: '1'}\nsource:\n  - url: x\n    git: y\n", V1ErrorCodes.ValueInvalid, 3)]
    [TestCase("package: {name: a, version: '1'}\nbuild:\n  script: missing.sh\n", V1ErrorCodes.ScriptFileMissing, 3)]
    [TestCase("package: {name: a, version: '1'}\nbuild:\n  dynamic_linking:\n    overlinking_behavior: error\n", V1ErrorCodes.KeyNotSupported, 4)]
    [TestCase("context:\n  v: {a: 1}\npackage: {name: a, version: '1'}\n", V1ErrorCodes.ContextInvalid, 2)]
    [TestCase("context:\n  v:\n    - [1]\npackage: {name: a, version: '1'}\n", V1ErrorCodes.ContextInvalid, 3)]
    [TestCase("package: {name: a, version: '1'\n", V1ErrorCodes.YamlInvalid, 2)]
    [TestCase("schema_version: 2\npackage: {name: a, version: '1'}\n", V1ErrorCodes.SchemaVersionUnsupported, 1)]
    [TestCase("recipe: {name: a, version: '1'}\noutputs:\n  - package: {name: b}\n    inherit: nothing\n", V1ErrorCodes.OutputInvalid, 4)]
    // rattler-build has no default C library: stdlib('c') without c_stdlib in the variant does not render.
    [TestCase("package: {name: a, version: '1'}\nrequirements:\n  build:\n    - ${{ compiler('c') }}\n    - ${{ stdlib('c') }}\n", V1ErrorCodes.StdlibMissing, 5)]
    public void Coded_error_at_the_line(string yaml, string code, int line)
    {
        var e = Fails(yaml);
        Assert.That(e.Code, Is.EqualTo(code), e.Message);
        Assert.That(e.Line, Is.EqualTo(line), e.Message);
    }

    [Test]
    public void A_folder_with_neither_file_names_both_formats()
    {
        using var dir = new RecipeDirectory("", "notes.txt");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.MetaYamlMissing));
        Assert.That(e.Message, Does.Contain("recipe.yaml").And.Contain("meta.yaml"));
    }

    [Test]
    public void Meta_yaml_wins_when_a_folder_has_both()
    {
        using var dir = new RecipeDirectory("package: {name: v1, version: '1'}\n", "recipe.yaml");
        dir.Write("meta.yaml", "package:\n  name: v0\n  version: '1'\n");
        Assert.That(RecipeRenderer.Render(dir.Path, new RenderContext()).Recipe.Package.Name, Is.EqualTo("v0"));
    }
}
