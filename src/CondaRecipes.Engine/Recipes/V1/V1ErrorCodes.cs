namespace CondaRecipes.Recipes.V1;

/// <summary>Codes of the v1 recipe format (<c>recipe.yaml</c>): CR1400-CR1479.</summary>
public static class V1ErrorCodes
{
    /// <summary>recipe.yaml is not valid YAML, or its top level is not a mapping.</summary>
    public const string YamlInvalid = "CR1400";

    /// <summary>An expression <c>${{ … }}</c> does not parse or does not evaluate (unknown variable, bad call).</summary>
    public const string ExpressionFailed = "CR1401";

    /// <summary>A <c>context:</c> entry is not a scalar, or is not a valid name.</summary>
    public const string ContextInvalid = "CR1402";

    /// <summary>An <c>if:</c> list item lacks <c>then:</c>, or has keys other than if/then/else.</summary>
    public const string SelectorInvalid = "CR1403";

    /// <summary>A key of the recipe that the engine does not know or cannot honour.</summary>
    public const string KeyNotSupported = "CR1404";

    /// <summary>A value of the wrong kind (a list where a scalar belongs, a word where a number belongs …).</summary>
    public const string ValueInvalid = "CR1405";

    /// <summary><c>package.name</c> or <c>package.version</c> is missing or empty.</summary>
    public const string PackageMissing = "CR1406";

    /// <summary>An output lacks <c>package.name</c>, or two outputs have the same name.</summary>
    public const string OutputInvalid = "CR1407";

    /// <summary>The <c>schema_version</c> is not 1.</summary>
    public const string SchemaVersionUnsupported = "CR1408";

    /// <summary><c>build.script.file</c> names a file the recipe folder lacks.</summary>
    public const string ScriptFileMissing = "CR1409";

    /// <summary>An expression names a variable that neither <c>context:</c> nor the variant defines.</summary>
    public const string VariableUndefined = "CR1410";

    /// <summary>An <c>about.license_file</c> entry matches no file in the source or the recipe folder.</summary>
    public const string LicenseFileMissing = "CR1411";

    /// <summary><c>stdlib(lang)</c> is called and the variant has no <c>{lang}_stdlib</c> (rattler-build has no default).</summary>
    public const string StdlibMissing = "CR1412";
}
