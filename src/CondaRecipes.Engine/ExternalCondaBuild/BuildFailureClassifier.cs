namespace CondaRecipes.ExternalCondaBuild;

/// <summary>Why a conda-build run failed, as far as its output tells.</summary>
public enum BuildFailureKind
{
    /// <summary>The solver could not find or combine the requirements.</summary>
    Solver,

    /// <summary>Anything else: the build script, tests, packaging.</summary>
    BuildScript,
}

/// <summary>
/// Reads a failed conda-build's output to tell a solver failure (fix the pins or channels) from a
/// build failure (fix the recipe). The names are the exception classes conda, conda-libmamba-solver
/// and conda-build print: the original hit <c>LibMambaUnsatisfiableError</c> with solver 24.11 on
/// <c>mpi4py =*_derecho</c>.
/// </summary>
public static class BuildFailureClassifier
{
    public static readonly IReadOnlyList<string> SolverErrorNames =
    [
        "LibMambaUnsatisfiableError",
        "UnsatisfiableError",
        "ResolvePackageNotFound",
        "PackagesNotFoundError",
        "DependencyNeedsBuildingError",
    ];

    /// <summary>The solver error named in the output, or null.</summary>
    public static string? SolverErrorIn(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            foreach (var name in SolverErrorNames)
                if (line.Contains(name, StringComparison.Ordinal))
                    return name;
        return null;
    }

    /// <summary>
    /// The line naming the solver error and the problem lines after it (libmamba lists them as <c>  - …</c>),
    /// at most <paramref name="max"/>: what an error message must quote whatever else the log's tail shows,
    /// since stderr's lines can land between or before stdout's.
    /// </summary>
    public static IReadOnlyList<string> SolverReport(IReadOnlyList<string> lines, int max = 15)
    {
        int at = -1;
        for (int i = 0; i < lines.Count && at < 0; i++)
            if (SolverErrorNames.Any(name => lines[i].Contains(name, StringComparison.Ordinal))) at = i;
        if (at < 0) return [];
        return lines.Skip(at + 1)
            .Where(l => l.StartsWith("  - ", StringComparison.Ordinal) || l.Contains("nothing provides", StringComparison.Ordinal))
            .Prepend(lines[at]).Take(max).ToList();
    }

    public static BuildFailureKind Classify(IEnumerable<string> lines) =>
        SolverErrorIn(lines) is null ? BuildFailureKind.BuildScript : BuildFailureKind.Solver;
}
