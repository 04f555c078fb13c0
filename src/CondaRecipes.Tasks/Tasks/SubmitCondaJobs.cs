using System.Globalization;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline;
using CondaRecipes.Scheduling;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Submits the variants of one or many recipe projects as PBS or Slurm jobs in one go (so afterok can name
/// job ids), follows them until every one has ended, and reports each: log lines as low-importance messages,
/// endings as high-importance lines, failures as coded errors with the log's last lines. Ctrl-C cancels
/// every unfinished job in one scheduler call. With <see cref="DryRun"/> it only writes the scripts and
/// prints the submit commands.
/// </summary>
public sealed class SubmitCondaJobs : CondaTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary><c>CondaJob</c> items from the CondaCollectJobs target (ItemSpec = job name; see CondaJobRequest).</summary>
    [Required] public ITaskItem[] Jobs { get; set; } = [];
    /// <summary>Pbs or Slurm.</summary>
    [Required] public string Scheduler { get; set; } = "";
    /// <summary>The project the build started from, for error locations.</summary>
    public string? ProjectFile { get; set; }
    /// <summary>Write scripts and print submit commands; submit nothing.</summary>
    public bool DryRun { get; set; }
    /// <summary>Longest wait between two status queries, in seconds (the first waits 2 s at most).</summary>
    public string PollMaxSeconds { get; set; } = "30";

    /// <summary>One item per job: ItemSpec = job name; metadata JobId, Result, ExitCode, Node, Duration (s), LogPath, Project.</summary>
    [Output] public ITaskItem[] JobOutcomes { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var scheduler = SchedulerKinds.Parse(Scheduler, ProjectFile);
        var requests = JobPlanner.Distinct(Jobs.Select(RequestOf));
        if (requests.Count == 0)
        {
            Log.LogMessage(MessageImportance.High, "No variants to submit.");
            return;
        }
        var globals = GlobalProperties();
        var planned = JobPlanner.Plan(requests, globals);
        var projectOf = requests.ToDictionary(r => r.Name, r => r.Project);

        if (DryRun)
        {
            var commands = requests.ToDictionary(r => r.Name, r => JobPlanner.Command(r, globals));
            var dry = new DryRunBackend(scheduler, (spec, submit) => ReportDryRun(spec, submit, planned, commands));
            Log.LogMessage(MessageImportance.High, $"Dry run: {planned.Count} {dry.Name} job(s) written, none submitted.");
            BatchSubmission.SubmitAllAsync(dry, planned).GetAwaiter().GetResult();
            return;
        }

        var outcomes = RunAsync(scheduler.Backend(), planned, projectOf).GetAwaiter().GetResult();
        JobOutcomes = outcomes.Select(o => ToItem(o, projectOf[o.Name])).ToArray();
    }

    private async Task<IReadOnlyList<JobOutcome>> RunAsync(ISchedulerBackend backend, IReadOnlyList<PlannedJob> planned,
        IReadOnlyDictionary<string, string> projectOf)
    {
        IReadOnlyList<SubmittedJob> submitted;
        try
        {
            submitted = await BatchSubmission.SubmitAllAsync(backend, planned, _cancel.Token);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            throw new CondaRecipesException(JobSettingsErrorCodes.JobsCancelled,
                $"The build was cancelled while submitting; the {backend.Name} jobs already submitted were cancelled.", ProjectFile);
        }
        var nameById = submitted.ToDictionary(s => s.JobId, s => s.Spec.Name);
        foreach (var s in submitted)
            Log.LogMessage(MessageImportance.High,
                $"{s.Spec.Name}: submitted as {backend.Name} job {s.JobId}" +
                (s.Spec.AfterOk.Count == 0 ? "" : $" after {string.Join(", ", s.Spec.AfterOk.Select(id => $"{nameById.GetValueOrDefault(id, id)} ({id})"))}") +
                $"; log {s.Spec.LogPath}");

        var monitor = new JobMonitor(backend, new JobMonitorOptions
        {
            MaxPollInterval = PollMax(), InitialPollInterval = Min(TimeSpan.FromSeconds(2), PollMax()),
            // The end of a failed job's log is its nested build's error summary; 20 lines hold it.
            LogTailLines = 20,
        })
        {
            // A job's stages at high importance, as a local build shows them; the rest of its log at low.
            OnLogLine = (name, line) => Log.LogMessage(StageLine.IsIn(line) ? MessageImportance.High : MessageImportance.Low, $"{name}: {line}"),
            OnMessage = m => Log.LogMessage(MessageImportance.Normal, m),
            OnJobCompleted = o => ReportOutcome(o, projectOf[o.Name]),
        };
        var outcomes = await monitor.WaitAsync(submitted, _cancel.Token);

        var cancelled = outcomes.Where(o => o.Result == JobResult.Cancelled).ToList();
        if (cancelled.Count > 0)
            Log.LogError(null, JobSettingsErrorCodes.JobsCancelled, null, ProjectFile, 0, 0, 0, 0,
                $"The build was cancelled; {cancelled.Count} unfinished {backend.Name} job(s) were cancelled in one call: " +
                string.Join(", ", cancelled.Select(o => $"{o.Name} ({o.JobId})")) + ".");
        Log.LogMessage(MessageImportance.High,
            $"{backend.Name} jobs: {outcomes.Count(o => o.Succeeded)} succeeded, {outcomes.Count(o => o.Result == JobResult.Failed)} failed, " +
            $"{outcomes.Count(o => o.Result == JobResult.NotRun)} not run, {cancelled.Count} cancelled.");
        return outcomes;
    }

    private void ReportOutcome(JobOutcome o, string project)
    {
        var job = $"job {o.JobId}{(o.Node is null ? "" : $" on {o.Node}")}";
        var timeAndLog = $"{o.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, log {o.LogPath}";
        var where = $"{job}, exit code {(o.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown")}, {timeAndLog}";
        switch (o.Result)
        {
            case JobResult.Succeeded:
                Log.LogMessage(MessageImportance.High, $"{o.Name}: succeeded ({where})");
                break;
            case JobResult.Failed:
                Log.LogError(null, JobSettingsErrorCodes.JobFailed, null, project, 0, 0, 0, 0,
                    $"{o.Name}: failed, {o.Reason ?? "exit code unknown"} ({job}, {timeAndLog}). Last lines of the log:\n" + string.Join("\n", o.LogTail.Select(l => "  " + l)));
                break;
            case JobResult.NotRun:
                Log.LogError(null, JobSettingsErrorCodes.JobNotRun, null, project, 0, 0, 0, 0,
                    $"{o.Name}: {o.Reason ?? "not run"} (job {o.JobId}).");
                break;
            case JobResult.Cancelled:
                Log.LogMessage(MessageImportance.High, $"{o.Name}: cancelled ({job}, log {o.LogPath})");
                break;
        }
    }

    private void ReportDryRun(JobSpec spec, IReadOnlyList<string> submit, IReadOnlyList<PlannedJob> planned,
        IReadOnlyDictionary<string, IReadOnlyList<string>> commands)
    {
        var command = commands[spec.Name];
        var job = planned.First(p => p.Spec.Name == spec.Name);
        Log.LogMessage(MessageImportance.High, $"{spec.Name}: script {spec.ScriptPath}");
        Log.LogMessage(MessageImportance.High, $"  runs in {spec.WorkDir}: {string.Join(' ', command.Select(JobPlanner.Display))}");
        if (job.DependsOn.Count > 0)
            Log.LogMessage(MessageImportance.High, $"  after {string.Join(", ", job.DependsOn)}");
        Log.LogMessage(MessageImportance.High, $"  submit: {string.Join(' ', submit.Select(JobPlanner.Display))}");
        Log.LogMessage(MessageImportance.Low, File.ReadAllText(spec.ScriptPath));
    }

    /// <summary>A <c>CondaJob</c> item as the engine reads it; InnerProperties stay MSBuild-escaped, as the job's -p: arguments need them.</summary>
    internal static JobRequest RequestOf(ITaskItem item) => JobRequest.FromMetadata(item.ItemSpec,
        name => name == "InnerProperties" && item is ITaskItem2 escaped ? escaped.GetMetadataValueEscaped(name) : item.GetMetadata(name));

    private IReadOnlyDictionary<string, string> GlobalProperties() =>
        BuildEngine6?.GetGlobalProperties() is { } g
            ? new Dictionary<string, string>(g, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>();

    private TimeSpan PollMax() => PollInterval.Parse(PollMaxSeconds, ProjectFile);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TaskItem ToItem(JobOutcome o, string project)
    {
        var item = new TaskItem(o.Name);
        item.SetMetadata("JobId", o.JobId);
        item.SetMetadata("Result", o.Result.ToString());
        item.SetMetadata("ExitCode", o.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "");
        item.SetMetadata("Node", o.Node ?? "");
        item.SetMetadata("Duration", o.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        item.SetMetadata("LogPath", o.LogPath);
        item.SetMetadata("Project", project);
        return item;
    }
}
