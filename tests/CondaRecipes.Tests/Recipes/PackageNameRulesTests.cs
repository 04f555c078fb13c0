using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>conda-build's character rules for name, version and build string, raised when the recipe is rendered.</summary>
public class PackageNameRulesTests
{
    private static CondaRecipesException RenderFails(string metaYaml)
    {
        using var dir = new RecipeDirectory(metaYaml);
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.File, Is.EqualTo(dir.MetaPath()));
        return e;
    }

    // Facts from conda-build's check_bad_chrs and MetaData.name(): '-' is fine in a name, not in a version
    // or build string; '!' is fine in a version only; a name must be lower-case.
    [TestCase("foo-bar", null)] [TestCase("foo_bar.baz", null)] [TestCase("r-base", null)] [TestCase("Foo", "lower-case")]
    [TestCase("foo bar", "a space")] [TestCase("foo/bar", "'/'")] [TestCase("foo!", "'!'")] [TestCase("foo=1", "'='")]
    public void Names(string value, string? problem) => Check(PackageNameRules.Field.Name, value, problem);

    [TestCase("1.2.3", null)] [TestCase("1.2.3rc1", null)] [TestCase("1!2.0", null)] [TestCase("1.0_post1", null)] [TestCase("2024.1+cu12", null)]
    [TestCase("1.2-3", "'-'")] [TestCase("1.2 3", "a space")] [TestCase(".1", "start with '.'")] [TestCase("1.0;rm", "';'")]
    public void Versions(string value, string? problem) => Check(PackageNameRules.Field.Version, value, problem);

    [TestCase("py312h1234567_0", null)] [TestCase("derecho_py3.12_1000", null)] [TestCase("a-b", "'-'")] [TestCase("a!b", "'!'")]
    public void Build_strings(string value, string? problem) => Check(PackageNameRules.Field.BuildString, value, problem);

    private static void Check(PackageNameRules.Field field, string value, string? problem)
    {
        var found = PackageNameRules.Problem(field, value);
        if (problem is null) Assert.That(found, Is.Null);
        else Assert.That(found, Does.Contain(problem));
    }

    [Test]
    public void A_version_with_a_dash_is_CR1014_at_its_line_when_rendered()
    {
        var e = RenderFails("{% set v = \"1.2-3\" %}\npackage:\n  name: foo\n  version: {{ v }}\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.PackageVersionInvalid));
        Assert.That(e.Line, Is.EqualTo(4));
        Assert.That(e.Message, Does.Contain("'1.2-3'").And.Contain("'-'"));
    }

    [Test]
    public void An_upper_case_or_spaced_name_is_CR1013_at_its_line()
    {
        var upper = RenderFails("package:\n  name: MyPkg\n  version: 1.0\n");
        Assert.That((upper.Code, upper.Line), Is.EqualTo((RecipeErrorCodes.PackageNameInvalid, 2)));
        var spaced = RenderFails("package:\n  version: 1.0\n  name: 'my pkg'\n");
        Assert.That((spaced.Code, spaced.Line), Is.EqualTo((RecipeErrorCodes.PackageNameInvalid, 3)));
    }

    [Test]
    public void A_build_string_with_a_dash_is_CR1015_at_its_line()
    {
        var e = RenderFails("package:\n  name: foo\n  version: 1.0\nbuild:\n  number: 0\n  string: a-b_0\n");
        Assert.That((e.Code, e.Line), Is.EqualTo((RecipeErrorCodes.BuildStringInvalid, 6)));
    }

    [Test]
    public void An_output_name_and_version_are_checked_too()
    {
        var name = RenderFails("package:\n  name: top\n  version: 1.0\noutputs:\n  - name: Sub\n");
        Assert.That((name.Code, name.Line), Is.EqualTo((RecipeErrorCodes.PackageNameInvalid, 5)));
        var version = RenderFails("package:\n  name: top\n  version: 1.0\noutputs:\n  - name: sub\n    version: 2 0\n");
        Assert.That((version.Code, version.Line), Is.EqualTo((RecipeErrorCodes.PackageVersionInvalid, 6)));
    }
}
