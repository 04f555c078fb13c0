namespace CondaRecipes.Pipeline;

/// <summary>
/// The line a variant's log gets as it enters a stage (<c>stage: script</c>, after the variant's label). A batch build
/// picks these out of each job's log, where the nested build wrote them, to show where every job is.
/// </summary>
public static class StageLine
{
    private const string Marker = "stage: ";

    public static string For(string step) => Marker + step;

    /// <summary>Whether a line of a job's log (the nested build's output, <c>pyext PY_VER=3.11: stage: script</c>) is one.</summary>
    public static bool IsIn(string logLine) => logLine.Contains(": " + Marker, StringComparison.Ordinal);
}
