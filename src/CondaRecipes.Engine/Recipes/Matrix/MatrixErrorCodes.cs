namespace CondaRecipes.Recipes.Matrix;

/// <summary>Codes for build-matrix errors (CR1100–CR1199), listed in README.md.</summary>
public static class MatrixErrorCodes
{
    /// <summary>An axis lists no values.</summary>
    public const string EmptyAxis = "CR1101";

    /// <summary>Variables zipped together list different numbers of values.</summary>
    public const string ZipLengthMismatch = "CR1102";

    /// <summary>A variable is declared twice, or zipped with a variable that does not exist.</summary>
    public const string BadAxisDeclaration = "CR1103";

    /// <summary>
    /// A command-line value for one variable of a zipped axis is not in the matrix, so the values of the
    /// other variables of that axis are unknown.
    /// </summary>
    public const string PartialZippedOverride = "CR1104";
}
