using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>Checks a <see cref="JobSpec"/> before any scheduler sees it.</summary>
internal static class JobSpecValidator
{
    public static void Validate(JobSpec spec)
    {
        if (!JobNames.IsValid(spec.Name))
            throw Invalid(spec, $"Job name '{spec.Name}' is not usable by PBS and Slurm.",
                "Use up to 64 letters, digits, '.', '_' or '-', starting with a letter.");
        foreach (var (what, path) in new[] { ("script", spec.ScriptPath), ("work dir", spec.WorkDir), ("log", spec.LogPath), ("sentinel", spec.SentinelPath) })
            if (!Path.IsPathRooted(path))
                throw Invalid(spec, $"The job's {what} path '{path}' is not absolute.", "Give absolute paths; batch jobs start elsewhere.");
        if (spec.Nodes < 1 || spec.Cpus < 1 || spec.Gpus < 0 || spec.MemoryMb < 1)
            throw Invalid(spec, "Nodes, CPUs and memory must be positive and GPUs not negative.", "Fix the resource request.");
        if (spec.Walltime is { } t && t <= TimeSpan.Zero)
            throw Invalid(spec, $"Walltime {t} is not positive.", "Give a walltime such as 2:00:00.");
        foreach (var name in spec.PassEnvironmentNames)
            if (!ShellQuoting.IsVariableName(name))
                throw Invalid(spec, $"'{name}' is not an environment variable name.", "Fix the pass-through list.");
        if (spec.PassEnvironment == EnvironmentPassing.Names && spec.PassEnvironmentNames.Count == 0)
            throw Invalid(spec, "Environment pass-through by names was chosen but no names were given.", "List the names or choose All.");
        foreach (var id in spec.AfterOk)
            if (string.IsNullOrWhiteSpace(id) || id.Contains(':') || id.Contains(','))
                throw Invalid(spec, $"Dependency job id '{id}' is not valid.", "Use the ids returned by submission.");
    }

    private static CondaRecipesException Invalid(JobSpec spec, string message, string hint) =>
        new(SchedulingErrorCodes.InvalidJobSpec, $"Job '{spec.Name}': {message}", spec.ScriptPath, hint: hint);
}
