namespace CondaRecipes.Recipes;

/// <summary>
/// One entry of the <c>source</c> section, rendered (selectors and Jinja applied); the source stage fetches
/// it as it is. Exactly one of <see cref="Path"/>, <see cref="Urls"/> or <see cref="GitUrl"/> says where the
/// source comes from; an entry with none of them only creates its <see cref="Folder"/> (and may still carry
/// patches), as in conda-build.
/// </summary>
public sealed record RecipeSource
{
    /// <summary><c>path</c>: a local directory, relative to the recipe directory unless absolute.</summary>
    public string? Path { get; init; }

    /// <summary><c>url</c>: one URL, or several mirrors of the same file.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    public string? Sha256 { get; init; }

    public string? Md5 { get; init; }

    public string? Sha1 { get; init; }

    /// <summary><c>fn</c>: the file name to save the download as.</summary>
    public string? FileName { get; init; }

    public string? GitUrl { get; init; }

    /// <summary><c>git_rev</c> (or <c>git_tag</c>, its older spelling).</summary>
    public string? GitRev { get; init; }

    /// <summary><c>git_depth</c>; null for a full clone.</summary>
    public int? GitDepth { get; init; }

    /// <summary><c>folder</c>: where in the work directory this source goes.</summary>
    public string? Folder { get; init; }

    /// <summary><c>patches</c>, relative to the recipe directory.</summary>
    public IReadOnlyList<string> Patches { get; init; } = [];

    /// <summary>Template line where this source entry starts.</summary>
    public int Line { get; init; }

    /// <summary>The recipe file this entry was read from, named in the source stage's errors.</summary>
    public string? RecipeFile { get; init; }
}
