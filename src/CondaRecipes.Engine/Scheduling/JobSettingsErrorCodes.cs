namespace CondaRecipes.Scheduling;

/// <summary>Codes of the batch-build settings a project gives (CR8300–CR8399): job requests, the scheduler choice, outcomes.</summary>
public static class JobSettingsErrorCodes
{
    /// <summary>A job setting (CondaJobCpus, CondaJobGpus, CondaJobMemory, CondaJobWalltime, CondaSchedulerPollMax) is not a valid value.</summary>
    public const string InvalidJobSetting = "CR8301";

    /// <summary>A batch job of a variant failed; the message carries the end of its log.</summary>
    public const string JobFailed = "CR8302";

    /// <summary>A batch job was not run because a job it depends on failed (or it was removed while queued).</summary>
    public const string JobNotRun = "CR8303";

    /// <summary>The build was cancelled (Ctrl-C, SIGTERM or SIGHUP); the unfinished batch jobs were cancelled with it.</summary>
    public const string JobsCancelled = "CR8304";

    /// <summary>The scheduler to submit to is not Pbs or Slurm.</summary>
    public const string UnknownScheduler = "CR8305";

    /// <summary>Two different variants (of different projects) would get the same job name.</summary>
    public const string DuplicateJobName = "CR8306";

    /// <summary>CondaJobPassEnvironment is not All, SchedulerDefault or Names, or Names without CondaJobPassEnvironmentNames.</summary>
    public const string InvalidEnvironmentPassing = "CR8307";
}
