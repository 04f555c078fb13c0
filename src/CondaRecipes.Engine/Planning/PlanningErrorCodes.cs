namespace CondaRecipes.Planning;

/// <summary>Codes of the project settings the planner reads (in the SDK wiring's ranges CR80xx, CR81xx and CR82xx), listed in README.md.</summary>
public static class PlanningErrorCodes
{
    /// <summary>CondaPackageFormat is not conda, tar.bz2 or both.</summary>
    public const string UnknownPackageFormat = "CR8104";

    /// <summary>CondaCpuCount is not a whole number of cores of at least 1.</summary>
    public const string InvalidCpuCount = "CR8160";

    /// <summary>CondaBuildEngine is neither <c>native</c> nor <c>conda-build</c>.</summary>
    public const string UnknownBuildEngine = "CR8201";

    /// <summary>Another build held the variant's work-folder lock for longer than CondaVariantLockTimeout.</summary>
    public const string VariantLockTimeout = "CR8002";

    /// <summary>The file system under CondaWorkDir cannot lock files, so two builds of one variant could not take turns.</summary>
    public const string LocksUnsupported = "CR8003";

    /// <summary>A stage target ran out of its order, or without a build of its variant in progress.</summary>
    public const string StepOutOfOrder = "CR8005";

    /// <summary>CondaVariantLockTimeout is neither a number of seconds nor <c>infinite</c>.</summary>
    public const string InvalidVariantLockTimeout = "CR8004";
}
