namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// What the build and host environments of one variant were resolved to, recorded once by the environment
/// stage so that run pins (pin_run_as_build, pin_compatible) and run_exports read the same data.
/// </summary>
public sealed record ResolvedEnvironments
{
    public static readonly ResolvedEnvironments Empty = new();

    /// <summary>The build environment: every package, direct or pulled in by another, first resolution first.</summary>
    public IReadOnlyList<ResolvedPackage> Build { get; init; } = [];

    /// <summary>The host environment, in the same form.</summary>
    public IReadOnlyList<ResolvedPackage> Host { get; init; } = [];

    /// <summary>The package named <paramref name="name"/> in <paramref name="environment"/>, or null.</summary>
    public static ResolvedPackage? Find(IReadOnlyList<ResolvedPackage> environment, string name) =>
        environment.FirstOrDefault(p => p.Name == name);

    /// <summary>Appends <paramref name="more"/> to a list, keeping the first package of each name.</summary>
    public static IReadOnlyList<ResolvedPackage> Merge(IEnumerable<ResolvedPackage> first, IEnumerable<ResolvedPackage> more)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return first.Concat(more).Where(p => seen.Add(p.Name)).ToList();
    }
}
