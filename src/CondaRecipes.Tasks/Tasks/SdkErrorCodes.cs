namespace CondaRecipes.Tasks;

/// <summary>Codes of the SDK's own wiring and tasks (CR8000–CR8199), listed in README.md.</summary>
public static class SdkErrorCodes
{
    /// <summary>An unexpected internal error (a bug); the stack trace is in the detailed log.</summary>
    public const string InternalError = "CR8000";

    /// <summary>The build was cancelled (Ctrl-C, SIGTERM or SIGHUP).</summary>
    public const string Cancelled = "CR8001";

    /// <summary>CondaScheduler is not Local, Pbs or Slurm (raised in Sdk.targets).</summary>
    public const string UnknownScheduler = "CR8101";

    /// <summary>The recipe folder named by CondaRecipeDir does not exist (raised in Sdk.targets).</summary>
    public const string RecipeDirMissing = "CR8102";

    /// <summary>A per-variant build did not select exactly one variant (raised in Sdk.targets).</summary>
    public const string NotOneVariant = "CR8103";

    /// <summary>Warning: in the SDK's repository, the resolved SDK package is older than its sources.</summary>
    public const string StaleSdkPackage = "CR8105";
}
