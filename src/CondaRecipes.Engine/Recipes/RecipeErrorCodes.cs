namespace CondaRecipes.Recipes;

/// <summary>
/// Error codes of the recipe renderer (CR1000–CR1099; CR1100 and above belong to the variant matrix).
/// Every code is raised as a <see cref="CondaRecipes.Diagnostics.CondaRecipesException"/> that names the
/// meta.yaml and, when there is one, the line of the template (not of the rendered text).
/// </summary>
public static class RecipeErrorCodes
{
    /// <summary>The recipe directory does not exist.</summary>
    public const string RecipeDirectoryMissing = "CR1000";

    /// <summary>The recipe directory holds no recipe file: neither meta.yaml nor meta.yml nor recipe.yaml.</summary>
    public const string MetaYamlMissing = "CR1001";

    /// <summary>The rendered recipe is not valid YAML (or its top level is not a mapping).</summary>
    public const string MalformedYaml = "CR1002";

    /// <summary>Jinja syntax: an unclosed tag, a bad expression, a block end without its start.</summary>
    public const string JinjaSyntax = "CR1003";

    /// <summary>A Jinja expression uses a name that is neither set in the template nor a known global.</summary>
    public const string UndefinedVariable = "CR1004";

    /// <summary>
    /// The recipe needs an environment variable that is not set: <c>environ['X']</c>, or a method called on
    /// the None that <c>environ.get('X')</c> returned.
    /// </summary>
    public const string EnvironmentVariableNotSet = "CR1005";

    /// <summary>A warning: a line selector (<c># [expr]</c>) uses a name the renderer does not know; it counts as False, as in conda-build.</summary>
    public const string UnknownSelectorName = "CR1006";

    /// <summary><c>package/name</c> is missing or empty.</summary>
    public const string PackageNameMissing = "CR1007";

    /// <summary><c>package/version</c> is missing or empty.</summary>
    public const string PackageVersionMissing = "CR1008";

    /// <summary><c>build/number</c> is not a non-negative integer.</summary>
    public const string BuildNumberNotInteger = "CR1009";

    /// <summary>
    /// A Jinja expression failed while evaluated: a method called on None, a type mismatch, an unknown
    /// filter, method or function, a division by zero, an index out of range.
    /// </summary>
    public const string JinjaEvaluation = "CR1010";

    /// <summary>A line selector is not a valid expression, or it compares values that cannot be compared.</summary>
    public const string SelectorInvalid = "CR1011";

    /// <summary>A recipe field has the wrong shape (e.g. a mapping where a list is expected).</summary>
    public const string FieldInvalid = "CR1012";

    /// <summary><c>load_file_regex</c>, <c>load_file_data</c> or <c>load_setup_py_data</c> cannot read its file
    /// once the source is fetched: it is missing, unreadable or unparsable, or setup.py fails to run.</summary>
    public const string LoadFailed = "CR1050";

    /// <summary><c>load_file_data</c>/<c>load_str_data</c> with a format the renderer cannot read (TOML, or unknown).</summary>
    public const string LoadFormatUnsupported = "CR1051";
    /// <summary>
    /// A pin cannot be computed: the version it starts from is not a conda version, or a bound cannot be
    /// incremented (a multi-letter place), or <c>pin_compatible</c> is given no bounds at all.
    /// </summary>
    public const string PinNotComputable = "CR1040";

    /// <summary><c>pin_compatible</c> was given an argument it does not take, or a value of the wrong kind.</summary>
    public const string PinArgumentInvalid = "CR1041";
}
