using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>The batch system variants are submitted to (CondaScheduler=Pbs|Slurm), read once where the setting enters.</summary>
public enum SchedulerKind
{
    Pbs,
    Slurm,
}

public static class SchedulerKinds
{
    /// <summary><c>Pbs</c> or <c>Slurm</c>, in any case.</summary>
    /// <exception cref="CondaRecipesException">CR8305 for anything else.</exception>
    public static SchedulerKind Parse(string value, string? projectFile) => value.Trim().ToLowerInvariant() switch
    {
        "pbs" => SchedulerKind.Pbs,
        "slurm" => SchedulerKind.Slurm,
        _ => throw new CondaRecipesException(JobSettingsErrorCodes.UnknownScheduler,
            $"Jobs cannot be submitted to '{value}'.", projectFile, hint: "Use CondaScheduler=Pbs or Slurm."),
    };

    /// <summary>The backend that submits, queries and cancels jobs on this scheduler.</summary>
    public static ISchedulerBackend Backend(this SchedulerKind kind) => kind switch
    {
        SchedulerKind.Pbs => new PbsBackend(),
        _ => new SlurmBackend(),
    };

}
