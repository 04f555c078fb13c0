namespace CondaRecipes.Channels.Solving;

/// <summary>The records chosen by <see cref="Resolver.Solve"/>, dependencies before their dependents.</summary>
public sealed class Solution
{
    internal Solution(IReadOnlyList<PackageRecord> records, int steps)
    {
        Records = records;
        SearchSteps = steps;
    }

    /// <summary>Records in install order: each record comes after the records it depends on (cycles broken by name).</summary>
    public IReadOnlyList<PackageRecord> Records { get; }

    /// <summary>Candidate records the search tried; a measure of how hard the problem was.</summary>
    public int SearchSteps { get; }

    /// <summary>The chosen record named <paramref name="name"/>, or null.</summary>
    public PackageRecord? Find(string name) => Records.FirstOrDefault(r => r.Name == name);

    public override string ToString() =>
        string.Join(Environment.NewLine, Records.Select(r => $"{r.Name} {r.Version} {r.Build} ({r.Channel})"));
}
