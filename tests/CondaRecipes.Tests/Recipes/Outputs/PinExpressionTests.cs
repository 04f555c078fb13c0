using CondaRecipes.Recipes.Pins;

namespace CondaRecipes.Tests.Recipes.Outputs;

/// <summary>conda-build's pinning expressions; expected values follow its apply_pin_expressions.</summary>
public class PinExpressionTests
{
    [TestCase("1.4.2", "x.x.x.x.x.x", "x.x", ">=1.4.2,<1.5.0a0")]
    [TestCase("1.4.2", "x.x.x.x.x.x", "x", ">=1.4.2,<2.0a0")]
    [TestCase("1.0", "x.x", "x.x", ">=1.0,<1.1.0a0")]
    [TestCase("2", "x.x.x.x.x.x", "x.x.x", ">=2,<3.0a0")]
    [TestCase("1.1.1a", "x.x.x", "x.x.x", ">=1.1.1a,<1.1.2a")]
    [TestCase("3.2.1", null, "x.x", "<3.3.0a0")]
    [TestCase("3.2.1", "x.x", null, ">=3.2")]
    public void Pins_as_conda_build(string version, string? min, string? max, string expected) =>
        Assert.That(PinExpression.Apply(version, min, max), Is.EqualTo(expected));
}
