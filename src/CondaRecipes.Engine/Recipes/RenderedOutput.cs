namespace CondaRecipes.Recipes;

/// <summary>One package of a rendered variant: an output, with its build string, subdir and used variables.</summary>
public sealed record RenderedOutput
{
    public required RecipeOutput Output { get; init; }

    /// <summary><c>build/string</c> of the output when set, else conda-build's default for it.</summary>
    public required string BuildString { get; init; }

    /// <summary>"noarch" when the output is noarch, else the target subdir.</summary>
    public required string Subdir { get; init; }

    /// <summary>The variant variables this output's build string hashes (see <see cref="RenderedRecipe.UsedVariables"/>).</summary>
    public required IReadOnlyDictionary<string, string> UsedVariables { get; init; }

    /// <summary>The JSON text whose sha1 gives the output's build-string hash.</summary>
    public required string HashInput { get; init; }

    /// <summary>The build-string hash (<c>h</c> + 7 hex digits), or "" when there is none: the build script's PKG_HASH.</summary>
    public string Hash { get; init; } = "";

    /// <summary>The output as a package recipe.</summary>
    public Recipe Recipe => Output.Recipe;

    public string Name => Output.Name;

    /// <summary><c>name-version-build</c>.</summary>
    public string DistName => $"{Recipe.Package.Name}-{Recipe.Package.Version}-{BuildString}";

    /// <summary>The package file name with the given extension (<c>.conda</c>, <c>.tar.bz2</c>; the dot is optional).</summary>
    public string FileNameFor(string extension) =>
        DistName + (extension.StartsWith('.') ? extension : "." + extension);
}
