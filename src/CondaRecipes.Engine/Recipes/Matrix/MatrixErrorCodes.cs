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

    /// <summary>A variant config file (<c>conda_build_config.yaml</c>) is not valid YAML, or its top level is not a mapping.</summary>
    public const string ConfigYamlInvalid = "CR1105";

    /// <summary>
    /// A variant config key has a value of a kind conda-build cannot use there: a list holding mappings or
    /// lists, a mapping for an ordinary key, <c>zip_keys</c> not a list of keys or of key lists, a key with '-'.
    /// </summary>
    public const string ConfigKeyInvalid = "CR1106";

    /// <summary>A variant config file named by a <c>CondaVariantConfig</c> item or <c>CondaVariantConfigFiles</c> does not exist.</summary>
    public const string ConfigFileMissing = "CR1107";

    /// <summary>
    /// A later config file gives values for only some keys of a <c>zip_keys</c> group, with another length
    /// than the group, and values the earlier files do not list (conda-build: "ambiguous").
    /// </summary>
    public const string ConfigAmbiguousZipOverride = "CR1108";

    /// <summary>A <c>zip_keys</c> group names a key its file does not set, or a key appears in two groups.</summary>
    public const string ConfigZipKeyUndefined = "CR1109";

    /// <summary>A variant config sets <c>target_platform</c> to a platform other than the build's (CondaSubdir).</summary>
    public const string ConfigCrossTarget = "CR1110";
}
