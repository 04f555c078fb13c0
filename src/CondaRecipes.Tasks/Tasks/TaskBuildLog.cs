using CondaRecipes.Pipeline;
using CondaRecipes.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// The engine's log, as MSBuild messages (steps: normal; script output: low) and coded warnings. A
/// diagnostic about a file inside the package (<c>bin/demo</c>) is reported against the recipe, with the
/// package path in the message, so the IDE and the build summary point somewhere real.
/// </summary>
internal sealed class TaskBuildLog(TaskLoggingHelper log, string prefix, string recipeFile) : IBuildLog
{
    public void Summary(string message) => log.LogMessage(MessageImportance.High, $"{prefix}: {message}");

    public void Info(string message) => log.LogMessage(MessageImportance.Normal, $"{prefix}: {message}");

    public void Detail(string message) => log.LogMessage(MessageImportance.Low, message);

    public void Warn(Diagnostic d)
    {
        var inPackage = d.File is not null && !Path.IsPathRooted(d.File);
        var file = inPackage || d.File is null ? recipeFile : d.File;
        var message = inPackage ? $"{prefix}: {d.File}: {d.Message}" : d.Message;
        if (d.Severity == DiagnosticSeverity.Error)
            log.LogError(null, d.Code, null, file, d.Line, 0, 0, 0, message);
        else
            log.LogWarning(null, d.Code, null, file, d.Line, 0, 0, 0, message);
    }
}
