namespace CondaRecipes.Channels.Index;

/// <summary>Error codes of the channel index (CR5900–CR5999).</summary>
public static class IndexErrorCodes
{
    /// <summary>Another process held the channel's index lock longer than the timeout.</summary>
    public const string LockTimeout = "CR5901";

    /// <summary>A package in the channel could not be read while indexing (damaged or not a package).</summary>
    public const string PackageUnreadable = "CR5902";

    /// <summary>A subdir name is not a plain directory name (empty, or holds '/' or '..').</summary>
    public const string InvalidSubdir = "CR5903";

    /// <summary>Warning: an archive in the channel could not be read (damaged, or not a package) and was moved
    /// into <c>.quarantine/&lt;subdir&gt;/</c>; the index lists the rest.</summary>
    public const string ArchiveSetAside = "CR5904";

    /// <summary>An archive could not be copied into the channel (disk full, permissions); the channel is unchanged.</summary>
    public const string PublishCopyFailed = "CR5905";

    /// <summary>An archive in the channel could not be read and could not be moved aside either.</summary>
    public const string SetAsideFailed = "CR5906";
}
