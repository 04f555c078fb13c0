namespace CondaRecipes.Pipeline.Sources;

/// <summary>Error codes of the source stage (CR2000–CR2099).</summary>
public static class SourceErrorCodes
{
    /// <summary>A source entry names more than one of <c>path</c>, <c>url</c>, <c>git_url</c>.</summary>
    public const string AmbiguousSource = "CR2000";

    /// <summary>A <c>path:</c> source does not exist.</summary>
    public const string PathNotFound = "CR2001";

    /// <summary>A checksum in the recipe is not hex of the right length for its algorithm.</summary>
    public const string InvalidChecksum = "CR2002";

    /// <summary>The downloaded file's checksum differs from the recipe's; the file was deleted.</summary>
    public const string ChecksumMismatch = "CR2003";

    /// <summary>No URL of a source could be downloaded.</summary>
    public const string DownloadFailed = "CR2004";

    /// <summary>An archive is corrupt or cannot be decompressed.</summary>
    public const string ArchiveUnreadable = "CR2006";

    /// <summary>A git command (clone, fetch, checkout) failed.</summary>
    public const string GitFailed = "CR2007";

    /// <summary>The <c>git_rev</c> is not a tag, branch or commit of the repository.</summary>
    public const string GitRevNotFound = "CR2008";

    /// <summary>A patch listed in the recipe does not exist.</summary>
    public const string PatchNotFound = "CR2009";

    /// <summary>A patch does not apply to the source.</summary>
    public const string PatchFailed = "CR2010";

    /// <summary>A <c>folder:</c> is absolute or leaves the work directory.</summary>
    public const string InvalidFolder = "CR2011";

    /// <summary>A URL scheme other than http, https or file.</summary>
    public const string UnsupportedUrl = "CR2012";

    /// <summary>A program the source stage needs (git, patch, xz) is not installed.</summary>
    public const string ToolNotFound = "CR2013";

    /// <summary>The work directory exists and is not empty.</summary>
    public const string WorkDirNotEmpty = "CR2014";
}
