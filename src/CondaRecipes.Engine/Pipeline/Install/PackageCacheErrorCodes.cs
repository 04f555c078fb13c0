namespace CondaRecipes.Pipeline.Install;

/// <summary>Codes of the extracted-package cache's settings (CR8140–CR8149, SDK properties), listed in README.md.</summary>
public static class PackageCacheErrorCodes
{
    /// <summary>CondaCacheMaxSize is not a size (bytes, or a number with B/KB/MB/GB/TB).</summary>
    public const string InvalidMaxSize = "CR8140";

    /// <summary>CondaCacheMaxAgeDays is not a non-negative number of days.</summary>
    public const string InvalidMaxAge = "CR8141";
}
