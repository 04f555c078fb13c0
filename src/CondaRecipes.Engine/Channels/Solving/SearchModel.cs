using CondaRecipes.Channels.Specs;

namespace CondaRecipes.Channels.Solving;

/// <summary>One record the search may choose, with its version parsed once and its specs parsed on first use.</summary>
internal sealed class Candidate(PackageRecord record, VersionOrder version, int rank, ulong key1, ulong key2)
{
    public PackageRecord Record { get; } = record;
    public VersionOrder Version { get; } = version;

    /// <summary>Channel rank: 0 host externals, then channels in the order given.</summary>
    public int Rank { get; } = rank;

    /// <summary>Random keys whose XOR over the chosen records identifies a search state (Zobrist hashing).</summary>
    public ulong Key1 { get; } = key1;
    public ulong Key2 { get; } = key2;

    public MatchSpec[]? Depends { get; set; }

    /// <summary>0 not yet known, 1 being computed, 2 possibly installable, 3 never installable.</summary>
    public byte DeadState { get; set; }

    /// <summary>For a never-installable candidate: the dependency no installable record satisfies.</summary>
    public MatchSpec? DeadBecause { get; set; }
    public MatchSpec[]? Constrains { get; set; }

    public int TrackFeatureCount { get; } =
        string.IsNullOrWhiteSpace(record.TrackFeatures) ? 0 : record.TrackFeatures.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Length;

    public string Display => $"{Record.Name}-{Record.Version}-{Record.Build}";
}

/// <summary>
/// Why a package is needed: a spec, the record that declared it (null for a requested spec) and the
/// requirement that brought that record in — the chain shown when the environment cannot be solved.
/// </summary>
internal sealed class Requirement(MatchSpec spec, Candidate? by, Requirement? parent, bool isConstraint = false)
{
    public MatchSpec Spec { get; } = spec;
    public Candidate? By { get; } = by;
    public Requirement? Parent { get; } = parent;
    public bool IsConstraint { get; } = isConstraint;

    /// <summary><c>mpi4jax (mpi4jax-0.7.1-py311_0) -&gt; mpi4py =*=derecho*</c>: requested spec first.</summary>
    public string Chain()
    {
        var chain = new List<Requirement>();
        for (var r = this; r is not null; r = r.Parent) chain.Add(r);
        chain.Reverse();
        var parts = new List<string>(chain.Count);
        for (var i = 0; i < chain.Count; i++)
        {
            var text = (chain[i].IsConstraint ? "constrains " : "") + chain[i].Spec.Original;
            if (i + 1 < chain.Count && chain[i + 1].By is { } chosen) text += $" ({chosen.Display})";
            parts.Add(text);
        }
        return string.Join(" -> ", parts);
    }
}

/// <summary>The search state of one package name: its candidates, who requires it, what is chosen.</summary>
internal sealed class NameState(string name, Candidate[] candidates, int filteredByPriority)
{
    public string Name { get; } = name;

    /// <summary>Candidates in order of preference (after strict channel filtering).</summary>
    public Candidate[] Candidates { get; } = candidates;

    /// <summary>Records of this name left out because a higher-priority channel has the name (strict priority).</summary>
    public int FilteredByPriority { get; } = filteredByPriority;

    public List<Requirement> Requirements { get; } = [];
    public List<Requirement> Constraints { get; } = [];
    public Candidate? Assigned { get; set; }
    public bool Active { get; set; }

    /// <summary>Bumped on every change of <see cref="Requirements"/> or <see cref="Constraints"/>.</summary>
    public int Revision { get; set; }

    private int _viableRevision = -1;
    private List<Candidate>? _viable;
    private readonly Dictionary<MatchSpec, bool[]> _matches = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether each candidate matches <paramref name="spec"/>, computed once per spec.</summary>
    public bool[] MatchesOf(MatchSpec spec)
    {
        if (_matches.TryGetValue(spec, out var m)) return m;
        m = new bool[Candidates.Length];
        for (var i = 0; i < m.Length; i++) m[i] = spec.Matches(Candidates[i].Record, Candidates[i].Version);
        _matches[spec] = m;
        return m;
    }

    public bool Satisfies(MatchSpec spec, Candidate c) => MatchesOf(spec)[Array.IndexOf(Candidates, c)];

    /// <summary>Candidates that satisfy every requirement and constraint now in force, best first.</summary>
    public List<Candidate> Viable(Func<Candidate, bool> isDead)
    {
        if (_viableRevision == Revision && _viable is not null) return _viable;
        var masks = new List<bool[]>(Requirements.Count + Constraints.Count);
        foreach (var r in Requirements) masks.Add(MatchesOf(r.Spec));
        foreach (var r in Constraints) masks.Add(MatchesOf(r.Spec));
        var list = new List<Candidate>();
        for (var i = 0; i < Candidates.Length; i++)
        {
            var ok = true;
            foreach (var mask in masks) if (!mask[i]) { ok = false; break; }
            if (ok && !isDead(Candidates[i])) list.Add(Candidates[i]);
        }
        _viableRevision = Revision;
        return _viable = list;
    }
}
