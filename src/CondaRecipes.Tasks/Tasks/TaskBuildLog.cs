using CondaRecipes.Build;
using CondaRecipes.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>The engine's log, as MSBuild messages (steps: normal; script output: low) and coded warnings.</summary>
internal sealed class TaskBuildLog(TaskLoggingHelper log, string prefix) : IBuildLog
{
    public void Info(string message) => log.LogMessage(MessageImportance.Normal, $"{prefix}: {message}");

    public void Detail(string message) => log.LogMessage(MessageImportance.Low, message);

    public void Warn(Diagnostic d)
    {
        if (d.Severity == DiagnosticSeverity.Error)
            log.LogError(null, d.Code, null, d.File, d.Line, 0, 0, 0, d.Message);
        else
            log.LogWarning(null, d.Code, null, d.File, d.Line, 0, 0, 0, d.Message);
    }
}
