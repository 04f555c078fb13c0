using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Pins;

namespace CondaRecipes.Tests.Recipes;

/// <summary>
/// Pin expressions and pin_compatible bounds. The expected strings follow conda-build's rules
/// (apply_pin_expressions, pin_compatible): lower bound from the kept places, upper bound with the last kept
/// place incremented and ".0a0" appended, "a" when the next place is a letter, the next letter for a letter.
/// </summary>
public class PinTests
{
    [TestCase("1.2.3", "x.x.x.x.x.x", "x", ">=1.2.3,<2.0a0")]
    [TestCase("1.2.3", "x.x.x.x.x.x", "x.x", ">=1.2.3,<1.3.0a0")]
    [TestCase("1.2.3", "x.x.x.x.x.x", "x.x.x.x.x.x", ">=1.2.3,<1.2.4.0a0")]
    [TestCase("3.12.3", "x.x", "x.x", ">=3.12,<3.13.0a0")]
    [TestCase("3.10.14", "x.x", "x.x", ">=3.10,<3.11.0a0")]
    [TestCase("9d", "x.x.x.x.x.x", "x", ">=9d,<10a")]
    [TestCase("9d", "x.x.x.x.x.x", "x.x", ">=9d,<9e")]
    [TestCase("1.0.2j", "x.x.x.x.x.x", "x.x.x", ">=1.0.2j,<1.0.3a")]
    [TestCase("1.0.2j", "x.x.x.x.x.x", "x.x.x.x", ">=1.0.2j,<1.0.2k")]
    [TestCase("1.2.0rc1", "x.x.x", "x.x", ">=1.2.0rc1,<1.3.0a0")]
    [TestCase("1.2.3", null, "x", "<2.0a0")]
    [TestCase("1.2.3", "x.x.x.x.x.x", null, ">=1.2.3")]
    [TestCase("2024.1", "x", "x", ">=2024,<2025.0a0")]
    [TestCase("1.0rc", "x.x.x.x.x.x", "x.x", ">=1.0rc,<1.1a")]
    [TestCase("1.0", "x.x", "x.x", ">=1.0,<1.1.0a0")]
    [TestCase("2", "x.x.x.x.x.x", "x.x.x", ">=2,<3.0a0")]
    [TestCase("1.1.1a", "x.x.x", "x.x.x", ">=1.1.1a,<1.1.2a")]
    [TestCase("3.2.1", null, "x.x", "<3.3.0a0")]
    [TestCase("3.2.1", "x.x", null, ">=3.2")]
    public void Pin_expressions(string version, string? minPin, string? maxPin, string expected) =>
        Assert.That(PinExpression.Apply(version, minPin, maxPin), Is.EqualTo(expected));

    [Test]
    public void A_place_that_is_neither_a_number_nor_one_letter_cannot_be_incremented()
    {
        var e = Assert.Throws<CondaRecipesException>(() => PinExpression.Apply("1.0rc", "x", "x.x.x"))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.PinNotComputable));
    }

    [TestCase("test", "1.2.3", "abc_0", "test >=1.2.3,<2.0a0")]
    public void Pin_compatible_defaults(string name, string version, string build, string expected) =>
        Assert.That(new PinCompatible(name).Resolve(version, build), Is.EqualTo(expected));

    [Test]
    public void Pin_compatible_bounds()
    {
        var pin = new PinCompatible("test");
        Assert.Multiple(() =>
        {
            Assert.That((pin with { Exact = true }).Resolve("1.2.3", "abc_0"), Is.EqualTo("test 1.2.3 abc_0"));
            Assert.That((pin with { MaxPin = "x.x" }).Resolve("1.2.3", "0"), Is.EqualTo("test >=1.2.3,<1.3.0a0"));
            Assert.That((pin with { UpperBound = "3.0" }).Resolve("1.2.3", "0"), Is.EqualTo("test >=1.2.3,<3.0"));
            Assert.That((pin with { UpperBound = "3.0", MinPin = null }).Resolve("1.2.3", "0"), Is.EqualTo("test <3.0"));
            Assert.That((pin with { LowerBound = "1.0" }).Resolve("1.2.3", "0"), Is.EqualTo("test >=1.0,<2.0a0"));
            Assert.That((pin with { LowerBound = "1.0", UpperBound = "1.5" }).Resolve(null, null), Is.EqualTo("test >=1.0,<1.5"));
            Assert.That((pin with { MinPin = null }).Resolve("1.2.3", "0"), Is.EqualTo("test <2.0a0"));
            Assert.That((pin with { MaxPin = null }).Resolve("1.2.3", "0"), Is.EqualTo("test >=1.2.3"));
            Assert.That(pin.Resolve(null, null), Is.Null, "nothing resolved, no lower bound: nothing to pin to");
            Assert.That((pin with { MinPin = null, MaxPin = null }).Resolve("1.2.3", "0"), Is.Null);
        });
    }

    [Test]
    public void The_rendered_marker_carries_every_argument_back()
    {
        var pin = new PinCompatible("numpy", MinPin: null, MaxPin: "x.x", LowerBound: "1.22", UpperBound: "3", Exact: true);
        Assert.That(pin.ToSpecText(), Is.EqualTo("numpy pin_compatible(min_pin=None;max_pin=x.x;lower_bound=1.22;upper_bound=3;exact=True)"));
        Assert.That(PinCompatible.FromSpec(pin.ToSpecText()), Is.EqualTo(pin));
        Assert.That(PinCompatible.FromSpec("numpy pin_compatible()"), Is.EqualTo(new PinCompatible("numpy")));
        Assert.That(PinCompatible.FromSpec("numpy >=1.2"), Is.Null);
    }

    [TestCase("numpy 1.26", "numpy 1.26.*")]
    [TestCase("gcc_linux-64 13", "gcc_linux-64 13.*")]
    [TestCase("python x.x", "python x.x")]
    [TestCase("foo 1.2 h123_0", "foo 1.2 h123_0")]
    [TestCase("foo >=1.2", "foo >=1.2")]
    [TestCase("foo 1.2.*", "foo 1.2.*")]
    [TestCase("foo", "foo")]
    [TestCase("pyext-demo =*=sample*", "pyext-demo =*=sample*")]
    public void A_bare_version_becomes_a_series(string spec, string expected) =>
        Assert.That(ValidSpec.Ensure(spec), Is.EqualTo(expected));

    /// <summary>A recipe.yaml pin_compatible with build= keeps the build match through its pending pin, after the bounds.</summary>
    [Test]
    public void A_pending_pin_with_a_build_match_ends_its_requirement_with_it()
    {
        var pin = new PinCompatible("numpy", MaxPin: "x.x", Build: "*cuda*");
        Assert.That(pin.ToSpecText(), Is.EqualTo("numpy pin_compatible(max_pin=x.x;build=*cuda*)"));
        Assert.That(PinCompatible.FromSpec(pin.ToSpecText()), Is.EqualTo(pin));
        Assert.That(pin.Resolve("1.26.4", "py312h1234567_0"), Is.EqualTo("numpy >=1.26.4,<1.27.0a0 *cuda*"));
        Assert.That((pin with { MinPin = null, MaxPin = null }).Resolve("1.26.4", null), Is.EqualTo("numpy * *cuda*"));
    }
}
