namespace CondaRecipes.Recipes.V1.Tests;

/// <summary>
/// One entry of a recipe.yaml output's rendered <c>tests:</c> list (selectors applied, expressions
/// substituted). Each entry runs on its own, in its own environment, after the package is made.
/// </summary>
public abstract record V1Test
{
    /// <summary>recipe.yaml line of the entry, for the errors its run reports.</summary>
    public int Line { get; init; }

    /// <summary>The entry's key in the recipe: <c>python</c>, <c>script</c>, <c>package_contents</c>, <c>downstream</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary><c>python:</c> — imports the modules, then runs <c>pip check</c> (on unless <c>pip_check: false</c>).</summary>
public sealed record V1PythonTest : V1Test
{
    public override string Kind => "python";

    public IReadOnlyList<string> Imports { get; init; } = [];

    public bool PipCheck { get; init; } = true;

    /// <summary><c>python_version</c>: one environment per version (a version or a version spec such as
    /// <c>3.11.*</c>); empty for the variant's own Python.</summary>
    public IReadOnlyList<string> PythonVersions { get; init; } = [];
}

/// <summary><c>script:</c> — commands (or a file) run in an environment holding the package and <c>requirements.run</c>.</summary>
public sealed record V1ScriptTest : V1Test
{
    public override string Kind => "script";

    public required V1TestScript Script { get; init; }

    /// <summary><c>requirements.run</c>: installed beside the package.</summary>
    public IReadOnlyList<string> RunRequirements { get; init; } = [];

    /// <summary><c>requirements.build</c>: tools in a separate environment whose <c>bin</c> comes after the test prefix's on PATH.</summary>
    public IReadOnlyList<string> BuildRequirements { get; init; } = [];

    /// <summary><c>files.source</c>: globs of the source (work) folder copied into the test folder.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary><c>files.recipe</c>: globs of the recipe folder copied into the test folder.</summary>
    public IReadOnlyList<string> RecipeFiles { get; init; } = [];
}

/// <summary>
/// What a script test runs: <see cref="Commands"/> (a list, or one string that is not a file of the test
/// folder), or <see cref="File"/>. The interpreter is <see cref="Interpreter"/>, else the file's extension
/// decides (<c>.py</c> python, anything else bash).
/// </summary>
public sealed record V1TestScript
{
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>A file of the test folder (<c>file:</c>, or a single-line string naming a file that exists).</summary>
    public string? File { get; init; }

    /// <summary>True for a single-line string: a file of that name is run when the test folder has one, else the line itself.</summary>
    public bool CommandOrFile { get; init; }

    public string? Interpreter { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}

/// <summary><c>downstream:</c> — a package that depends on this one, taken from the channels the build sees,
/// installed with this package and tested with its own tests.</summary>
public sealed record V1DownstreamTest : V1Test
{
    public override string Kind => "downstream";

    public required string Spec { get; init; }
}

/// <summary>
/// <c>package_contents:</c> — globs checked against the package's own file list (info/paths.json), no
/// environment. Each section's entries are shorthands that expand to globs (see <c>PackageContentsCheck</c>).
/// </summary>
public sealed record V1PackageContentsTest : V1Test
{
    public override string Kind => "package_contents";

    public V1PathChecks Files { get; init; } = new();

    public V1PathChecks SitePackages { get; init; } = new();

    public V1PathChecks Bin { get; init; } = new();

    public V1PathChecks Lib { get; init; } = new();

    public V1PathChecks Include { get; init; } = new();

    /// <summary>Every file of the package must be matched by some <c>exists</c> entry.</summary>
    public bool Strict { get; init; }
}

/// <summary>A section's entries: a plain list means <c>exists</c>; the mapping form adds <c>not_exists</c>.</summary>
public sealed record V1PathChecks
{
    public IReadOnlyList<string> Exists { get; init; } = [];

    public IReadOnlyList<string> NotExists { get; init; } = [];
}
