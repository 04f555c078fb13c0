namespace CondaRecipes.Benchmarks;

/// <summary>
/// One benchmark: measures our code and, where the issue names one, the peer tool on the same input in
/// the same run, and prints figures and ratios through <see cref="BenchmarkReport"/>.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. <c>conda-writer</c>.</summary>
    string Name { get; }

    /// <summary>Runs the benchmark in <paramref name="scratchDir"/> (deleted afterwards).</summary>
    void Run(string scratchDir, BenchmarkReport report);
}
