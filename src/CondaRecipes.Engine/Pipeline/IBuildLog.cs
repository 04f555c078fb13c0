using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline;

/// <summary>Where the engine reports progress; the MSBuild adapter maps it to message importances.</summary>
public interface IBuildLog
{
    /// <summary>What happens to the variant as a whole: skipped, up to date, building, published (high importance).</summary>
    void Summary(string message);

    /// <summary>A step of the build (normal importance).</summary>
    void Info(string message);

    /// <summary>Build-script output and details (low importance).</summary>
    void Detail(string message);

    /// <summary>A coded warning that does not stop the build.</summary>
    void Warn(Diagnostic diagnostic);
}
