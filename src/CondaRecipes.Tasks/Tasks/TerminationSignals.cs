using System.Runtime.InteropServices;

namespace CondaRecipes.Tasks;

/// <summary>
/// SIGTERM and SIGHUP (what <c>timeout</c>, CI runners, batch systems and a closed terminal send) stop a build the
/// way Ctrl-C does. MSBuild answers SIGINT by cancelling every submission, which calls <c>Cancel</c> on the
/// running <c>ICancelableTask</c>s of every node (child processes killed, batch jobs cancelled, CR8001/CR8304),
/// and exits with 1; .NET's default for SIGTERM instead ends the process at once with exit code 0, leaving the
/// nodes' work running. The handlers are registered once per process, when the first CondaRecipes task starts
/// (the SDKs run <see cref="WatchTerminationSignals"/> before any other target of a project, so the entry project
/// registers them in the process a user started):
/// <list type="bullet">
/// <item>In the process that runs the build (the <c>dotnet build</c> a user or script started) it takes MSBuild's
/// own Ctrl-C path: every submission is cancelled.</item>
/// <item>In a worker node (<c>/nodemode:</c>), which gets the signal when the whole process group is signalled,
/// the CondaRecipes tasks running there are cancelled at once and the node stays up for the main process to
/// finish the cancellation; an idle worker node keeps .NET's default (it ends).</item>
/// </list>
/// </summary>
internal static class TerminationSignals
{
    private const int SigInt = 2;
    private static readonly object Gate = new();
    private static readonly List<Action> Running = [];
    private static PosixSignalRegistration[]? _registrations;

    /// <summary>The signal that cancelled the build in this process (<c>SIGTERM</c>, <c>SIGHUP</c>), or null.</summary>
    public static string? Received { get; private set; }

    /// <summary>Registers the handlers (once per process) and, for a cancelable task, its <paramref name="cancel"/> until disposed.</summary>
    public static IDisposable Watch(Action? cancel)
    {
        lock (Gate)
        {
            _registrations ??= OperatingSystem.IsWindows() ? [] :
            [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle),
            ];
            if (cancel is not null) Running.Add(cancel);
        }
        return new Registration(cancel);
    }

    private static void Handle(PosixSignalContext context)
    {
        Action[] running;
        lock (Gate) running = [.. Running];
        var workerNode = IsWorkerNode();
        if (workerNode && running.Length == 0) return; // an idle node ends as .NET would end it

        context.Cancel = true;
        bool first;
        lock (Gate)
        {
            first = Received is null;
            Received ??= context.Signal == PosixSignal.SIGHUP ? "SIGHUP" : "SIGTERM";
        }
        if (first)
        {
            foreach (var cancel in running) cancel();
            if (!workerNode) CancelBuild();
        }
        if (!workerNode)
        {
            // The dotnet CLI registers its own SIGTERM handler, which ends the process with exit code 0 at once. The
            // runtime calls a signal's handlers one after another on one thread, the latest registered first, so by
            // not returning this one keeps the CLI's from running: the process ends when the cancelled build
            // returns MSBuild's exit code. A second signal is ignored, as MSBuild ignores a second Ctrl-C.
            Thread.Sleep(Timeout.Infinite);
        }
    }

    /// <summary>
    /// What MSBuild's Ctrl-C handler does: <c>BuildManager.DefaultBuildManager.CancelAllSubmissions()</c>, reached
    /// through the loaded Microsoft.Build assembly (the task assembly compiles against MSBuild's Framework and
    /// Utilities only). Raising SIGINT instead would not do: a build started in the background by a
    /// non-interactive shell (a batch script) inherits SIGINT ignored. SIGINT is the fallback for a host without
    /// that type; with neither, the process ends with exit code 1 rather than report success.
    /// </summary>
    private static void CancelBuild()
    {
        var manager = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "Microsoft.Build")
            .Select(a => a.GetType("Microsoft.Build.Execution.BuildManager"))
            .FirstOrDefault(t => t is not null);
        var defaultManager = manager?.GetProperty("DefaultBuildManager")?.GetValue(null);
        if (defaultManager is not null && manager!.GetMethod("CancelAllSubmissions", Type.EmptyTypes) is { } cancelAll)
        {
            Console.Error.WriteLine($"{Received} received: cancelling the build, as for Ctrl-C.");
            cancelAll.Invoke(defaultManager, null);
        }
        else if (Kill(Environment.ProcessId, SigInt) != 0)
            Environment.Exit(1);
    }

    /// <summary>An MSBuild worker node runs with <c>/nodemode:N</c> (the main process never does).</summary>
    private static bool IsWorkerNode() =>
        Environment.GetCommandLineArgs().Any(a => a.TrimStart('/', '-').StartsWith("nodemode:", StringComparison.OrdinalIgnoreCase));

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private sealed class Registration(Action? cancel) : IDisposable
    {
        public void Dispose()
        {
            if (cancel is null) return;
            lock (Gate)
            {
                Running.Remove(cancel);
                // A reused worker node runs later builds: the signal belonged to the tasks it cancelled.
                if (Running.Count == 0 && IsWorkerNode()) Received = null;
            }
        }
    }
}
