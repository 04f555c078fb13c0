namespace CondaRecipes.Recipes.Outputs;

/// <summary>Codes for the <c>outputs</c> section and <c>pin_subpackage</c> (CR13xx, part of the recipe range).</summary>
public static class OutputErrorCodes
{
    /// <summary>An output uses a key the engine cannot honour as conda-build does (<c>target</c>, <c>features</c>, an unknown key).</summary>
    public const string OutputKeyUnsupported = "CR1301";

    /// <summary>An output's <c>type</c> is not a conda package (<c>wheel</c>, ...).</summary>
    public const string OutputTypeUnsupported = "CR1302";

    /// <summary><c>outputs</c> is not a list of mappings, or an output has no name.</summary>
    public const string OutputInvalid = "CR1303";

    /// <summary><c>pin_subpackage</c> names a package that is not one of the recipe's outputs.</summary>
    public const string SubpackageUnknown = "CR1304";

    /// <summary>Outputs require each other in a cycle.</summary>
    public const string OutputsCircular = "CR1305";

    /// <summary>An output's script is missing, or its extension says nothing about how to run it.</summary>
    public const string OutputScriptInvalid = "CR1306";
}
