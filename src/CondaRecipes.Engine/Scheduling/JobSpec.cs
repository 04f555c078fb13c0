namespace CondaRecipes.Scheduling;

/// <summary>How the submitting environment reaches the job.</summary>
public enum EnvironmentPassing
{
    /// <summary>The scheduler's default (Slurm: everything; PBS: only PBS_O_* variables).</summary>
    SchedulerDefault,
    /// <summary>Export the whole submitting environment (<c>qsub -V</c>, <c>sbatch --export=ALL</c>).</summary>
    All,
    /// <summary>
    /// Export only <see cref="JobSpec.PassEnvironmentNames"/> (<c>qsub -v</c>, <c>sbatch --export=A,B</c>).
    /// Slurm then passes nothing else but its own SLURM_* variables (bash supplies a default PATH).
    /// </summary>
    Names,
}

/// <summary>
/// One batch job: what the scheduler needs to place it and where its files go. Paths are absolute; the
/// script at <see cref="ScriptPath"/> is written by <see cref="JobScriptWriter"/> (it also writes the
/// sentinel file at <see cref="SentinelPath"/>).
/// </summary>
public sealed record JobSpec
{
    /// <summary>Job name shown by the scheduler (letters, digits, <c>._-</c>; PBS allows 236 chars, we keep ≤ 64).</summary>
    public required string Name { get; init; }
    public required string ScriptPath { get; init; }
    public required string WorkDir { get; init; }
    /// <summary>Joined stdout+stderr of the job.</summary>
    public required string LogPath { get; init; }
    /// <summary>File the job script writes its exit code to (via its EXIT trap).</summary>
    public required string SentinelPath { get; init; }

    public string? Account { get; init; }
    /// <summary>PBS queue or Slurm partition.</summary>
    public string? Queue { get; init; }
    public TimeSpan? Walltime { get; init; }
    public int Nodes { get; init; } = 1;
    public int? Cpus { get; init; }
    public int? Gpus { get; init; }
    /// <summary>Memory per node in megabytes.</summary>
    public int? MemoryMb { get; init; }
    /// <summary>PBS <c>job_priority</c> (e.g. <c>premium</c>, <c>regular</c>, <c>economy</c>); ignored by Slurm.</summary>
    public string? JobPriority { get; init; }

    public EnvironmentPassing PassEnvironment { get; init; } = EnvironmentPassing.SchedulerDefault;
    public IReadOnlyList<string> PassEnvironmentNames { get; init; } = [];

    /// <summary>Ids of jobs that must finish successfully first (afterok).</summary>
    public IReadOnlyList<string> AfterOk { get; init; } = [];

    /// <summary>Extra submit-command arguments, passed verbatim before the script path.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];
}
