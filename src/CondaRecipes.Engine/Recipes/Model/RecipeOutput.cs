namespace CondaRecipes.Recipes;

/// <summary>
/// One package a recipe makes: an entry of the <c>outputs</c> section, the top-level package a recipe
/// without outputs makes (<see cref="OutputKind.Implicit"/>), or the top-level metapackage conda-build adds
/// when the top level's requirements name an output. <see cref="Recipe"/> is the output as a package
/// recipe of its own, with what it inherits from the top level already applied (conda-build's rules).
/// </summary>
public sealed record RecipeOutput
{
    public required string Name { get; init; }

    /// <summary>This output as a package: package name and version, build, requirements, test, about.</summary>
    public required Recipe Recipe { get; init; }

    public OutputKind Kind { get; init; } = OutputKind.Listed;

    /// <summary><c>script</c>: a file of the recipe folder (<c>.sh</c> or <c>.py</c>) that installs this output's files.</summary>
    public string? Script { get; init; }

    /// <summary>The output's own <c>build/script</c> lines, run as its script when it has no script file.</summary>
    public IReadOnlyList<string> ScriptLines { get; init; } = [];

    /// <summary><c>script_interpreter</c>, e.g. <c>bash</c> or <c>python</c>; null to choose by the script's extension.</summary>
    public string? ScriptInterpreter { get; init; }

    /// <summary><c>files</c>; null when absent.</summary>
    public OutputFiles? Files { get; init; }

    /// <summary>Template line where this output starts (the <c>package</c> line for the implicit output).</summary>
    public int Line { get; init; }

    /// <summary>A <c>recipe.yaml</c> output's <c>tests:</c> list, rendered but not interpreted; null for a meta.yaml
    /// recipe or an output without tests.</summary>
    public V1.V1TestsNode? V1Tests { get; init; }

    /// <summary>True when the output installs files by running a script of its own.</summary>
    public bool HasScript => Script is not null || ScriptLines.Count > 0;

    /// <summary>
    /// An output with neither files nor a script has an empty payload (a metapackage), except the one named
    /// like the top level, which takes every file the top-level build installed.
    /// </summary>
    public bool TakesAllBuildFiles => Kind == OutputKind.Implicit || (Kind == OutputKind.TopLevelName && Files is null && !HasScript);
}

/// <summary>Where an output comes from.</summary>
public enum OutputKind
{
    /// <summary>The recipe has no outputs: the top level is the one package.</summary>
    Implicit,

    /// <summary>An entry of <c>outputs</c> named like the top-level package (it inherits the top level's sections).</summary>
    TopLevelName,

    /// <summary>Any other entry of <c>outputs</c>.</summary>
    Listed,

    /// <summary>The top-level package conda-build adds as a metapackage when its requirements name an output.</summary>
    TopLevelMetapackage,
}

/// <summary>
/// An output's <c>files</c>: a list of globs matched against the host prefix, or <c>include</c>/<c>exclude</c>
/// globs that select only among the files the top-level build installed.
/// </summary>
public sealed record OutputFiles
{
    public IReadOnlyList<string> Globs { get; init; } = [];

    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>True for the <c>include:</c>/<c>exclude:</c> form.</summary>
    public bool IsIncludeExclude { get; init; }
}
