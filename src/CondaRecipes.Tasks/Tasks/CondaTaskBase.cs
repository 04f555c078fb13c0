using CondaRecipes.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// Base of every CondaRecipes task: <see cref="ExecuteCore"/> does the work and a
/// <see cref="CondaRecipesException"/> becomes one coded MSBuild error with file, line and hint, as
/// dotnet/sdk's TaskBase does. Unexpected exceptions are reported with code CR8000 and the stack trace
/// at low importance, so a bug is visible but not a wall of text.
/// </summary>
public abstract class CondaTaskBase : Microsoft.Build.Utilities.Task
{
    public sealed override bool Execute()
    {
        // SIGTERM and SIGHUP cancel the build as Ctrl-C does (TerminationSignals); a cancelable task is cancelled directly.
        using var signals = TerminationSignals.Watch(this is ICancelableTask cancelable ? cancelable.Cancel : null);
        try
        {
            ExecuteCore();
        }
        catch (CondaRecipesException e)
        {
            LogCondaError(e);
        }
        catch (OperationCanceledException)
        {
            Log.LogError(null, SdkErrorCodes.Cancelled, null, null, 0, 0, 0, 0,
                TerminationSignals.Received is { } signal ? $"The build was cancelled ({signal})." : "The build was cancelled.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.LogError(null, SdkErrorCodes.InternalError, null, null, 0, 0, 0, 0,
                $"Internal error in {GetType().Name}: {e.Message}. This is a bug in CondaRecipes.Sdk; please report it with the build log.");
            Log.LogMessage(MessageImportance.Low, e.ToString());
        }
        return !Log.HasLoggedErrors;
    }

    protected abstract void ExecuteCore();

    protected void LogCondaError(CondaRecipesException e) =>
        Log.LogError(null, e.Code, null, e.File, e.Line, 0, 0, 0, e.FullMessage);

    protected void LogCondaWarning(string code, string message, string? file = null, int line = 0) =>
        Log.LogWarning(null, code, null, file, line, 0, 0, 0, message);
}
