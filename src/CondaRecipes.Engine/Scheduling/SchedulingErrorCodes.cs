namespace CondaRecipes.Scheduling;

/// <summary>Error codes of the batch scheduling stage (range CR6000–CR6999).</summary>
public static class SchedulingErrorCodes
{
    /// <summary>A job specification is invalid (missing name, relative work dir, bad walltime, ...).</summary>
    public const string InvalidJobSpec = "CR6001";

    /// <summary>No PBS account: neither given, nor in <c>PBS_ACCOUNT_&lt;HOST&gt;</c> nor <c>PBS_ACCOUNT</c>.</summary>
    public const string NoAccount = "CR6002";

    /// <summary>The scheduler rejected the submission (bad account, partition, resources).</summary>
    public const string SubmissionRejected = "CR6003";

    /// <summary>Submission failed on transient errors even after the retries.</summary>
    public const string SubmissionUnavailable = "CR6004";

    /// <summary>The submit command answered something that is not a job id.</summary>
    public const string UnparsableJobId = "CR6005";

    /// <summary>The scheduler's status command failed too many times in a row.</summary>
    public const string StatusUnavailable = "CR6006";

    /// <summary>A scheduler command (qsub, sbatch, ...) is not installed or cannot be started.</summary>
    public const string CommandNotFound = "CR6007";

    /// <summary>The job script could not be written.</summary>
    public const string ScriptWriteFailed = "CR6008";

    /// <summary>Cancelling jobs failed.</summary>
    public const string CancelFailed = "CR6010";
}
