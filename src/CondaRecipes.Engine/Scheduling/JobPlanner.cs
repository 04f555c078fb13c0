using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Turns variant requests into batch jobs: each runs the same <c>dotnet build</c> of its project for that
/// one variant, locally on the node, and waits (afterok) for the jobs of the projects it references.
/// </summary>
public static class JobPlanner
{
    /// <summary>
    /// Global properties never forwarded to a job: the job builds locally, without building the SDK's tasks from
    /// source (the submitting build did; jobs on several nodes must not rebuild them side by side) or building
    /// references (their own jobs do that), and MSBuild's own or private properties are not the user's.
    /// </summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "CondaScheduler", "CondaSchedulerDryRun", "CondaBuildTasksFromSource", "BuildProjectReferences",
        // Set by all.proj for its own UsingTask (the node's build resolves the SDK itself) and by the dotnet CLI.
        "CondaRecipesTasksAssembly", "NuGetInteractive",
    };

    /// <summary>A word as a shell would need it, quoted only when it has to be (for messages, not for scripts).</summary>
    public static string Display(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%{}".Contains(c)) ? word : ShellQuoting.Quote(word);

    /// <summary>
    /// Variables the dotnet CLI sets for the MSBuild it starts. A job must not inherit them: the node's
    /// dotnet resolves its own MSBuild and SDKs, which may live elsewhere than on the submitting host.
    /// </summary>
    private static readonly string[] MSBuildHostVariables = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH"];

    /// <summary>Drops repeats (a project referenced twice returns its jobs twice); a name shared by different variants is an error.</summary>
    public static IReadOnlyList<JobRequest> Distinct(IEnumerable<JobRequest> requests)
    {
        var byName = new Dictionary<string, JobRequest>(StringComparer.Ordinal);
        var order = new List<JobRequest>();
        foreach (var r in requests)
        {
            if (byName.TryGetValue(r.Name, out var seen))
            {
                if (seen.Project != r.Project || !seen.InnerProperties.SequenceEqual(r.InnerProperties))
                    throw new CondaRecipesException(JobSettingsErrorCodes.DuplicateJobName,
                        $"Two variants would both be job '{r.Name}': {seen.Description} of {seen.Project} and {r.Description} of {r.Project}.",
                        r.Project, hint: seen.Project == r.Project
                            // Variant ids are unique; only what job names cannot hold (a '+', which reads as '-') can merge two.
                            ? "Job names hold only ASCII letters, digits, '.', '_' and '-' (a '+' or any other character reads as '-'), so these two variants read the same; build one of them per run (-p:NAME=value)."
                            : "Give the recipes different CondaRecipeName values.");
                continue;
            }
            byName[r.Name] = r;
            order.Add(r);
        }
        return order;
    }

    /// <summary>The argv a job runs: one variant of one project, built here and now.</summary>
    public static IReadOnlyList<string> Command(JobRequest r, IReadOnlyDictionary<string, string> globalProperties)
    {
        var command = new List<string> { "env" };
        foreach (var v in MSBuildHostVariables) command.AddRange(["-u", v]);
        // No error summary: a failed job's log then ends with its errors, not with a repeat of them.
        command.AddRange([r.Dotnet, "build", r.Project, "-nologo", "-nr:false", "-clp:NoSummary",
            "-p:CondaScheduler=Local", "-p:CondaBuildTasksFromSource=false", "-p:BuildProjectReferences=false"]);
        // One variant, so one MSBuild node: its CPU_COUNT is then the job's whole allocation (Planning/CpuShare
        // divides the cores by the node count, which `dotnet build` would otherwise set to the machine's cores).
        command.Add("-m:1");
        var inner = r.InnerProperties.Select(p => p.Split('=', 2)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The user's other command-line properties (CondaForce, CondaSkipTests, ...) apply to the job as they would locally;
        // MSBuild hands them over in its escaped form, which is what a -p: argument takes.
        foreach (var (name, value) in globalProperties.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (!NotForwarded.Contains(name) && !inner.Contains(name) && !name.StartsWith('_') &&
                !name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
                command.Add($"-p:{name}={value}");
        command.AddRange(r.InnerProperties.Select(p => "-p:" + p));
        return command;
    }

    /// <summary>
    /// The jobs a request waits for: every job of each project it references; when it has a Python version
    /// and the referenced project built that version, only that version's jobs (and the ones without Python).
    /// </summary>
    public static IReadOnlyList<string> Dependencies(JobRequest r, IReadOnlyList<JobRequest> all)
    {
        var deps = new List<string>();
        foreach (var project in all.Where(o => r.ReferencedProjects.Contains(o.Project)).GroupBy(o => o.Project))
        {
            var jobs = project.ToList();
            if (r.PythonVersion is { } py && jobs.Any(j => j.PythonVersion == py))
                jobs = jobs.Where(j => j.PythonVersion is null || j.PythonVersion == py).ToList();
            deps.AddRange(jobs.Select(j => j.Name));
        }
        return deps;
    }

    /// <summary>Writes each job's script and returns the jobs with their resources and dependencies.</summary>
    public static IReadOnlyList<PlannedJob> Plan(IReadOnlyList<JobRequest> requests, IReadOnlyDictionary<string, string> globalProperties) =>
        requests.Select(r => new PlannedJob(
            BatchJob.Prepare(r.JobDir, r.Name, Command(r, globalProperties), r.WorkDir) with
            {
                Account = r.Account, Queue = r.Queue, JobPriority = r.JobPriority, Walltime = r.Walltime,
                Cpus = r.Cpus, Gpus = r.Gpus, MemoryMb = r.MemoryMb,
                PassEnvironment = r.PassEnvironment, PassEnvironmentNames = r.PassEnvironmentNames,
            },
            Dependencies(r, requests))).ToList();
}
