namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// One entry of a recipe's <c>source:</c> section, already rendered (selectors and Jinja applied). Exactly
/// one of <see cref="Path"/>, <see cref="Urls"/> or <see cref="GitUrl"/> says where the source comes from;
/// an entry with none of them only creates its <see cref="Folder"/> (and may still carry patches), as in
/// conda-build. The recipe model maps its own source entries to this plain record.
/// </summary>
public sealed record SourceSpec
{
    /// <summary><c>path:</c> a directory (or file) relative to the recipe directory, or absolute.</summary>
    public string? Path { get; init; }

    /// <summary><c>url:</c> one URL or several mirrors of the same file; the first that works is used.
    /// <c>http(s)://</c>, <c>file://</c>, or a plain path relative to the recipe directory.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Expected SHA-256 of the downloaded file (hex).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Expected MD5 of the downloaded file (hex).</summary>
    public string? Md5 { get; init; }

    /// <summary>Expected SHA-1 of the downloaded file (hex).</summary>
    public string? Sha1 { get; init; }

    /// <summary><c>fn:</c> the file name to give the download; defaults to the last segment of the URL.</summary>
    public string? FileName { get; init; }

    /// <summary><c>git_url:</c> a remote URL, a <c>file://</c> URL, or a local path (relative to the recipe
    /// directory when it starts with <c>.</c>).</summary>
    public string? GitUrl { get; init; }

    /// <summary><c>git_rev:</c> a tag, branch or commit; <c>HEAD</c> of the default branch when absent.</summary>
    public string? GitRev { get; init; }

    /// <summary><c>git_depth:</c> history depth of the cached mirror; full history when absent or &lt;= 0.</summary>
    public int? GitDepth { get; init; }

    /// <summary><c>folder:</c> where the source goes, relative to the work directory (SRC_DIR); the work
    /// directory itself when absent.</summary>
    public string? Folder { get; init; }

    /// <summary><c>patches:</c> patch files relative to the recipe directory, applied in order inside this
    /// source's folder once every source is in place.</summary>
    public IReadOnlyList<string> Patches { get; init; } = [];

    /// <summary>The recipe's meta.yaml, named in errors.</summary>
    public string? RecipeFile { get; init; }

    /// <summary>1-based line of this source entry in <see cref="RecipeFile"/> (0 when unknown).</summary>
    public int Line { get; init; }
}
