namespace CondaRecipes.Benchmarks;

/// <summary>Collects result lines and prints them as an aligned table with goal verdicts.</summary>
public sealed class BenchmarkReport
{
    private readonly List<(string Benchmark, string Measure, string Value, string Goal, bool? Met)> _rows = [];

    /// <summary>Records one figure. <paramref name="met"/> is null when the line has no goal.</summary>
    public void Add(string benchmark, string measure, string value, string goal = "", bool? met = null)
    {
        _rows.Add((benchmark, measure, value, goal, met));
        Console.WriteLine($"  {benchmark}: {measure} = {value}{(goal == "" ? "" : $"  (goal {goal}: {(met == true ? "met" : "NOT met")})")}");
    }

    public void Print(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"{"benchmark",-16} {"measure",-52} {"value",-22} {"goal",-16} verdict");
        foreach (var r in _rows)
            w.WriteLine($"{r.Benchmark,-16} {r.Measure,-52} {r.Value,-22} {r.Goal,-16} {(r.Met is null ? "" : r.Met.Value ? "met" : "NOT met")}");
    }
}
