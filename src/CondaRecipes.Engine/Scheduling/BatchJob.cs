namespace CondaRecipes.Scheduling;

/// <summary>Lays out one job's files and writes its script.</summary>
public static class BatchJob
{
    /// <summary>
    /// Writes <c>&lt;jobsDirectory&gt;/&lt;name&gt;.sh</c> running <paramref name="command"/> in
    /// <paramref name="workDir"/>, removes a log and sentinel left by an earlier run (a stale sentinel
    /// would make the job look finished at once), and returns a spec with the paths filled in. Add
    /// resources with <c>with { Walltime = …, Cpus = … }</c>.
    /// </summary>
    public static JobSpec Prepare(string jobsDirectory, string name, IReadOnlyList<string> command, string workDir,
        IReadOnlyList<string>? modules = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = Path.GetFullPath(jobsDirectory);
        var spec = new JobSpec
        {
            Name = name, WorkDir = Path.GetFullPath(workDir),
            ScriptPath = Path.Combine(dir, name + ".sh"),
            LogPath = Path.Combine(dir, name + ".log"),
            SentinelPath = Path.Combine(dir, name + ".exitcode"),
        };
        JobSpecValidator.Validate(spec);
        JobScriptWriter.Write(new JobScript
        {
            WorkDir = spec.WorkDir, Command = command, SentinelPath = spec.SentinelPath,
            Modules = modules ?? [], Environment = environment ?? new Dictionary<string, string>(),
        }, spec.ScriptPath);
        File.Delete(spec.SentinelPath);
        File.Delete(spec.LogPath);
        return spec;
    }
}
