namespace CondaRecipes.Settings;

/// <summary>Codes of project settings checked before any work starts (CR8120–CR8139), listed in README.md.</summary>
public static class SettingsErrorCodes
{
    /// <summary>A yes/no property (CondaForce, CondaSkipTests, ...) is neither true nor false.</summary>
    public const string NotBoolean = "CR8120";

    /// <summary>CondaSubdir is not a conda platform subdir (linux-64, osx-arm64, noarch, ...).</summary>
    public const string UnknownSubdir = "CR8121";

    /// <summary>CondaZstdLevel is not a whole number from 1 to 22.</summary>
    public const string InvalidZstdLevel = "CR8122";

    /// <summary>A PBS account, queue or job priority, or a Slurm account or partition (a property or PBS_ACCOUNT*),
    /// holds characters the scheduler does not accept in that field.</summary>
    public const string InvalidSchedulerName = "CR8123";

    /// <summary>A CondaEnvironment item is not an environment variable name, or a CondaPython item is not a version.</summary>
    public const string InvalidItem = "CR8124";

    /// <summary>A CondaModule item holds characters an environment module name never has.</summary>
    public const string InvalidModuleName = "CR8125";

    /// <summary>A CondaChannel item names a local folder that does not exist (only the output channel may be absent).</summary>
    public const string ChannelFolderMissing = "CR8126";
}
