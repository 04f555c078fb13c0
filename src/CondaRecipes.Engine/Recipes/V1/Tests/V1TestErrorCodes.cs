namespace CondaRecipes.Recipes.V1.Tests;

/// <summary>Codes for reading a recipe.yaml <c>tests:</c> section (CR1480–CR1499).</summary>
public static class V1TestErrorCodes
{
    /// <summary>A <c>tests:</c> entry names none of the test kinds (python, script, package_contents, downstream).</summary>
    public const string UnknownTestKind = "CR1480";

    /// <summary>A <c>perl</c>, <c>r</c> or <c>ruby</c> test: the engine has no such interpreter environment.</summary>
    public const string UnsupportedTestKind = "CR1481";

    /// <summary>A test carries a field its kind does not have.</summary>
    public const string UnknownTestField = "CR1482";

    /// <summary>A test field has the wrong shape (a mapping where a list belongs, a non-boolean <c>strict</c>, …).</summary>
    public const string TestFieldInvalid = "CR1483";

    /// <summary><c>tests:</c> is not a list, or an entry is not a mapping.</summary>
    public const string TestsNotAList = "CR1484";
}
