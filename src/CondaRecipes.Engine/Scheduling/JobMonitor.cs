using System.Diagnostics;
using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Waits for submitted jobs: one status query per poll for all of them (interval growing from
/// <see cref="JobMonitorOptions.InitialPollInterval"/> to <see cref="JobMonitorOptions.MaxPollInterval"/>),
/// logs followed and sentinel files checked between polls, a failed query counted as "unknown" until too
/// many follow in a row. A job is done when the scheduler says it ended or its sentinel appeared, and is
/// reported once its log exists (or the grace time passed). When a job fails, the jobs that depend on it
/// are removed in one cancel call and reported "not run (dependency failed)". When the CancellationToken
/// fires, every unfinished job is cancelled in one call and reported <see cref="JobResult.Cancelled"/>.
/// </summary>
public sealed class JobMonitor(ISchedulerBackend backend, JobMonitorOptions? options = null)
{
    private readonly JobMonitorOptions _options = options ?? new JobMonitorOptions();

    /// <summary>Called with (job name, line) for every new log line.</summary>
    public Action<string, string>? OnLogLine { get; init; }
    /// <summary>Called with progress and warning messages (query failures, cancellations).</summary>
    public Action<string>? OnMessage { get; init; }
    /// <summary>Called once per job as soon as its outcome is known (before the others finish).</summary>
    public Action<JobOutcome>? OnJobCompleted { get; init; }

    /// <summary>Waits until every job has an outcome; returns them in the order given.</summary>
    public async Task<IReadOnlyList<JobOutcome>> WaitAsync(IReadOnlyList<SubmittedJob> jobs,
        CancellationToken cancellationToken = default)
    {
        var tracks = jobs.Select(j => new Track(j)).ToList();
        var byId = tracks.ToDictionary(t => t.Job.JobId);
        var clock = Stopwatch.StartNew();
        var interval = _options.InitialPollInterval;
        var nextPoll = TimeSpan.Zero;
        var failuresInRow = 0;

        while (tracks.Any(t => t.Outcome is null))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await CancelAllAsync(tracks);
                Announce(tracks);
                break;
            }
            ReadLogs(tracks);

            if (clock.Elapsed >= nextPoll)
            {
                var ids = tracks.Where(t => t.Outcome is null && t.EndedAt is null).Select(t => t.Job.JobId).ToList();
                if (ids.Count > 0)
                {
                    try
                    {
                        var statuses = await backend.QueryAsync(ids, cancellationToken);
                        failuresInRow = 0;
                        foreach (var (id, status) in statuses)
                            if (byId.TryGetValue(id, out var t)) Apply(t, status, clock.Elapsed);
                    }
                    catch (SchedulerQueryException e)
                    {
                        failuresInRow++;
                        OnMessage?.Invoke($"{backend.Name} status query failed ({failuresInRow} in a row): {e.Message}");
                        if (failuresInRow >= _options.MaxConsecutiveQueryFailures)
                            throw new CondaRecipesException(SchedulingErrorCodes.StatusUnavailable,
                                $"The {backend.Name} status query failed {failuresInRow} times in a row; last: {e.Message}",
                                hint: $"The jobs ({string.Join(' ', ids)}) may still be running; check them by hand.");
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { continue; }
                }
                nextPoll = clock.Elapsed + interval;
                interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * _options.BackoffFactor), _options.MaxPollInterval.Ticks));
            }

            foreach (var t in tracks.Where(t => t.Outcome is null && t.EndedAt is null))
                if (File.Exists(t.Job.Spec.SentinelPath))
                    t.EndedAt = clock.Elapsed;   // the script has finished, whatever the scheduler says yet

            await AskWhyAsync(tracks, byId, clock.Elapsed, cancellationToken);

            var failed = new List<Track>();
            foreach (var t in tracks.Where(t => t.Outcome is null && t.EndedAt is not null))
                // A job that never ran (removed while queued) leaves its dependents waiting forever too.
                if (TryResolve(t, byId, clock.Elapsed) is { Result: JobResult.Failed or JobResult.NotRun })
                    failed.Add(t);
            if (failed.Count > 0)
                await RemoveDependentsAsync(failed, tracks);
            Announce(tracks);

            if (tracks.Any(t => t.Outcome is null))
            {
                try { await Task.Delay(_options.FileCheckInterval, cancellationToken); }
                catch (OperationCanceledException) { }
            }
        }
        return tracks.Select(t => t.Outcome!).ToList();
    }

    /// <summary>
    /// A job whose sentinel shows a failure before the scheduler reported its end gets one extra status
    /// query, so a reason only the scheduler knows (walltime, memory) is not lost.
    /// </summary>
    private async Task AskWhyAsync(List<Track> tracks, Dictionary<string, Track> byId, TimeSpan now, CancellationToken ct)
    {
        var ask = tracks.Where(t => t is { Outcome: null, EndedAt: not null, AskedWhy: false } &&
                                    t.Status?.State is not (JobState.Finished or JobState.Gone) &&
                                    JobSentinel.TryRead(t.Job.Spec.SentinelPath) is not (null or 0)).ToList();
        if (ask.Count == 0) return;
        foreach (var t in ask) t.AskedWhy = true;
        try
        {
            foreach (var (id, status) in await backend.QueryAsync(ask.Select(t => t.Job.JobId).ToList(), ct))
                if (byId.TryGetValue(id, out var t) && status.State is JobState.Finished) Apply(t, status, now);
        }
        catch (SchedulerQueryException) { }   // the log may still tell (LogReasons)
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private void Announce(List<Track> tracks)
    {
        foreach (var t in tracks.Where(t => t is { Outcome: not null, Announced: false }))
        {
            t.Announced = true;
            OnJobCompleted?.Invoke(t.Outcome!);
        }
    }

    private void ReadLogs(List<Track> tracks)
    {
        foreach (var t in tracks.Where(t => t.Outcome is null))
            foreach (var line in t.Follower.ReadNewLines())
                Emit(t, line);
    }

    private void Emit(Track t, string line)
    {
        t.NoteMarker(line);
        OnLogLine?.Invoke(t.Job.Spec.Name, line);
    }

    private static void Apply(Track t, JobStatus status, TimeSpan now)
    {
        t.Status = status;
        if (status.Node is not null) t.Node = status.Node;
        if (status.State == JobState.Running) t.FirstSeenRunning ??= now;
        if (status.State is JobState.Finished or JobState.Gone) t.EndedAt ??= now;
    }

    /// <summary>Gives the job its outcome once the log and sentinel are there or their grace passed.</summary>
    private JobOutcome? TryResolve(Track t, Dictionary<string, Track> byId, TimeSpan now)
    {
        var spec = t.Job.Spec;
        var sentinel = JobSentinel.TryRead(spec.SentinelPath);
        var neverRan = sentinel is null && t.Status is { NeverRan: true };
        if (!neverRan)
        {
            var sinceEnd = now - t.EndedAt!.Value;
            if (!t.Follower.Exists && sinceEnd < _options.LogGraceTimeout)
                return null;
            if (sentinel is null && sinceEnd < _options.SentinelGraceTimeout)
                return null;
        }
        foreach (var line in t.Follower.Flush())
            Emit(t, line);

        var duration = t.MarkerDuration ?? (t.FirstSeenRunning is { } start ? now - start : TimeSpan.Zero);
        var node = t.Node ?? t.MarkerHost;
        JobResult result;
        string? reason;
        int? exitCode = sentinel ?? t.Status?.ExitCode;
        if (neverRan)
        {
            result = JobResult.NotRun;
            // Slurm may remove the dependent (--kill-on-invalid-dep) before we resolved the failed job.
            var failedDeps = spec.AfterOk.Select(id => byId.GetValueOrDefault(id))
                .Where(d => d is not null && (d.Outcome is { Succeeded: false } || d.Outcome is null && d.EndedAt is not null))
                .Select(d => d!.Job.Spec.Name).ToList();
            reason = spec.AfterOk.Count > 0
                ? $"not run (dependency failed{(failedDeps.Count > 0 ? ": " + string.Join(", ", failedDeps) : "")})"
                : $"not run ({t.Status?.Reason ?? "removed from the queue"})";
        }
        else if (exitCode == 0 && t.Status?.Reason is null)
        {
            result = JobResult.Succeeded;
            reason = null;
        }
        else
        {
            result = JobResult.Failed;
            var schedulerReason = t.Status?.Reason ?? LogReasons.Find(LogFollower.Tail(spec.LogPath, _options.LogTailLines));
            reason = (schedulerReason, exitCode) switch
            {
                (null, null) => "ended without an exit code (no sentinel file; the node or the job's shell may have been killed)",
                (null, var c) => $"exit code {c}",
                (var r, null) => r,
                (var r, var c) => $"{r} (exit code {c})",
            };
        }
        t.Outcome = new JobOutcome(t.Job.JobId, spec.Name, result, exitCode, reason, node, duration, spec.LogPath,
            neverRan ? [] : LogFollower.Tail(spec.LogPath, _options.LogTailLines));
        return t.Outcome;
    }

    /// <summary>Cancels, in one call, every unfinished job that depends (transitively) on a failed one.</summary>
    private async Task RemoveDependentsAsync(List<Track> failed, List<Track> tracks)
    {
        var doomed = new Dictionary<Track, Track>();   // dependent → the failed job it waits for
        var frontier = new Queue<Track>(failed);
        while (frontier.Count > 0)
        {
            var f = frontier.Dequeue();
            var root = doomed.GetValueOrDefault(f, f);
            foreach (var t in tracks.Where(t => t.Outcome is null && !doomed.ContainsKey(t) && t.Job.Spec.AfterOk.Contains(f.Job.JobId)))
            {
                doomed[t] = root;
                frontier.Enqueue(t);
            }
        }
        if (doomed.Count == 0) return;
        try
        {
            using var timeout = new CancellationTokenSource(_options.CancelTimeout);
            await backend.CancelAsync(doomed.Keys.Select(t => t.Job.JobId).ToList(), timeout.Token);
        }
        catch (Exception e) when (e is CondaRecipesException or OperationCanceledException)
        {
            OnMessage?.Invoke($"Could not remove jobs whose dependency failed: {e.Message}");
        }
        foreach (var (t, root) in doomed)
        {
            t.Outcome = new JobOutcome(t.Job.JobId, t.Job.Spec.Name, JobResult.NotRun, null,
                $"not run (dependency failed: {root.Job.Spec.Name})", null, TimeSpan.Zero, t.Job.Spec.LogPath, []);
            OnMessage?.Invoke($"{t.Job.Spec.Name} ({t.Job.JobId}) will not run: dependency {root.Job.Spec.Name} failed.");
        }
    }

    private async Task CancelAllAsync(List<Track> tracks)
    {
        var open = tracks.Where(t => t.Outcome is null).ToList();
        var ids = open.Select(t => t.Job.JobId).ToList();
        using (var timeout = new CancellationTokenSource(_options.CancelTimeout))
            await backend.CancelAsync(ids, timeout.Token);
        OnMessage?.Invoke($"Cancelled {open.Count} {backend.Name} job(s): {string.Join(", ", open.Select(t => $"{t.Job.Spec.Name} ({t.Job.JobId})"))}");
        foreach (var t in open)
        {
            foreach (var line in t.Follower.Flush()) Emit(t, line);
            t.Outcome = new JobOutcome(t.Job.JobId, t.Job.Spec.Name, JobResult.Cancelled, JobSentinel.TryRead(t.Job.Spec.SentinelPath),
                "cancelled", t.Node ?? t.MarkerHost, t.MarkerDuration ?? TimeSpan.Zero, t.Job.Spec.LogPath,
                LogFollower.Tail(t.Job.Spec.LogPath, _options.LogTailLines));
        }
    }

    private sealed class Track(SubmittedJob job)
    {
        public SubmittedJob Job { get; } = job;
        public LogFollower Follower { get; } = new(job.Spec.LogPath);
        public JobStatus? Status { get; set; }
        public string? Node { get; set; }
        public TimeSpan? FirstSeenRunning { get; set; }
        public TimeSpan? EndedAt { get; set; }
        public JobOutcome? Outcome { get; set; }
        public bool AskedWhy { get; set; }
        public bool Announced { get; set; }
        public string? MarkerHost { get; private set; }
        private DateTimeOffset? _markerStart, _markerEnd;
        public TimeSpan? MarkerDuration => _markerStart is { } s && _markerEnd is { } e ? e - s : null;

        /// <summary>Reads host and time from the script's start/end lines.</summary>
        public void NoteMarker(string line)
        {
            var isStart = line.StartsWith(JobScriptWriter.StartMarker, StringComparison.Ordinal);
            if (!isStart && !line.StartsWith(JobScriptWriter.EndMarker, StringComparison.Ordinal)) return;
            DateTimeOffset? time = null;
            foreach (var word in line.Split(' '))
            {
                if (word.StartsWith("host=", StringComparison.Ordinal) && isStart) MarkerHost = word[5..];
                if (word.StartsWith("time=", StringComparison.Ordinal) &&
                    DateTimeOffset.TryParse(word[5..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                    time = t;
            }
            if (isStart) _markerStart = time; else _markerEnd = time;
        }
    }
}
