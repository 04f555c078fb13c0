namespace CondaRecipes.Tasks;

/// <summary>
/// Registers the SIGTERM and SIGHUP handlers (<see cref="TerminationSignals"/>) in the process that runs it, and
/// nothing else: the SDKs run it first in every project they build, so the `dotnet build` a user or script started
/// has the handlers from its entry project on, even when every recipe task runs on worker nodes (-m). The
/// registration itself is <see cref="CondaTaskBase.Execute"/>'s, as for every task.
/// </summary>
public sealed class WatchTerminationSignals : CondaTaskBase
{
    protected override void ExecuteCore()
    {
    }
}
