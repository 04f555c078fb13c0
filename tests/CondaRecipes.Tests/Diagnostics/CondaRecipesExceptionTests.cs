using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Diagnostics;

public class CondaRecipesExceptionTests
{
    [Test]
    public void ToString_names_file_line_code_and_hint()
    {
        var e = new CondaRecipesException("CR1001", "Bad thing.", "/r/meta.yaml", 7, "Fix it.");
        Assert.That(e.ToString(), Is.EqualTo("/r/meta.yaml(7): error CR1001: Bad thing. Fix it."));
    }
}
