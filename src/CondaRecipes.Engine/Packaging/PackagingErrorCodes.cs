namespace CondaRecipes.Packaging;

/// <summary>Error codes of the packaging stage (CR4000–CR4999): metadata, archive writers, readers, extraction.</summary>
public static class PackagingErrorCodes
{
    /// <summary>The base directory given for the prefix placeholder leaves no room for the 255-character padding.</summary>
    public const string PlaceholderBaseTooLong = "CR4001";

    /// <summary>The package metadata is incomplete or invalid (empty name, version or build; bad characters).</summary>
    public const string InvalidMetadata = "CR4002";

    /// <summary>The package root directory to archive does not exist.</summary>
    public const string PackageRootMissing = "CR4003";

    /// <summary>Writing an archive failed; no archive was left behind.</summary>
    public const string ArchiveWriteFailed = "CR4004";

    /// <summary>An archive could not be read (truncated, not a zip/tar, bad zstd or bzip2 stream).</summary>
    public const string ArchiveUnreadable = "CR4005";

    /// <summary>A required member (e.g. <c>info/index.json</c>) is missing from an archive.</summary>
    public const string ArchiveMemberMissing = "CR4006";

    /// <summary>An archive entry (of a package or a source archive) has an absolute path or a <c>..</c> component.</summary>
    public const string UnsafeEntryPath = "CR4007";

    /// <summary>A symlink or hardlink in an archive (a package or a source archive) points outside the extraction directory.</summary>
    public const string UnsafeLinkTarget = "CR4008";

    /// <summary>The extraction destination already exists and overwriting was not asked for.</summary>
    public const string DestinationExists = "CR4009";

    /// <summary>The file name is neither <c>.conda</c> nor <c>.tar.bz2</c>.</summary>
    public const string UnsupportedArchiveFormat = "CR4010";

    /// <summary>The package tree holds a path conda reserves (<c>info/repodata_record.json</c>, <c>conda-meta/</c>).</summary>
    public const string ReservedPath = "CR4011";

    /// <summary>A recipe or test file named in the metadata does not exist.</summary>
    public const string MetadataFileMissing = "CR4012";

    /// <summary>A <c>build/entry_points</c> entry is not of the form <c>command = module:function</c>.</summary>
    public const string InvalidEntryPoint = "CR4020";

    /// <summary>A file under <c>bin/</c> of a <c>noarch: python</c> package is not a text script.</summary>
    public const string NoarchBinaryScript = "CR4021";

    /// <summary><c>build/noarch</c> is neither <c>python</c> nor <c>generic</c>.</summary>
    public const string InvalidNoarch = "CR4022";

    /// <summary>A file named by <c>build/has_prefix_files</c> or <c>build/binary_has_prefix_files</c> does not
    /// contain the prefix.</summary>
    public const string PrefixFileWithoutPrefix = "CR4030";
}
