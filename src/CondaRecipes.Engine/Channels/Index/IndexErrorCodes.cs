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
}
