using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Solving;

/// <summary>
/// Chooses one record per needed package name so that every requested spec, every dependency of a chosen
/// record and every <c>constrains</c> entry of a chosen record holds.
/// <para>
/// Method: depth-first backtracking over package names with forward checking. At each step the names that
/// are required but not yet chosen are examined; a name with no viable candidate fails the branch at once,
/// a name with exactly one is chosen next, otherwise the name required earliest (requested specs first) is
/// chosen, trying its candidates best first. A failure returns the set of names whose choices caused it,
/// and levels not in that set are skipped on the way back (conflict-directed backjumping). Before that, a record one of whose dependencies no
/// installable record satisfies (checked transitively, once per record) is set aside as never installable,
/// so a missing package deep in the graph is found without enumerating the combinations above it. Preference (strict): channel rank, fewer
/// <c>track_features</c>, higher version, higher build number, newer timestamp; (flexible): fewer
/// <c>track_features</c>, higher version, higher build number, channel rank, newer timestamp. The state
/// after a set of choices depends only on that set, so failed sets are remembered, with their conflict set,
/// by a 128-bit Zobrist hash and never searched twice (memoisation).
/// </para>
/// </summary>
public static class Resolver
{
    /// <summary>Solves for <paramref name="specs"/>; throws CR5200 with the conflicting chains when impossible.</summary>
    public static Solution Solve(IEnumerable<MatchSpec> specs, PackagePool pool, SolveOptions? options = null) =>
        new SolverRun(pool, options ?? new SolveOptions()).Run(specs.ToList());

    /// <summary>As <see cref="Solve(IEnumerable{MatchSpec}, PackagePool, SolveOptions?)"/>, parsing each spec first.</summary>
    public static Solution Solve(IEnumerable<string> specs, PackagePool pool, SolveOptions? options = null) =>
        Solve(specs.Select(MatchSpec.Parse), pool, options);
}

/// <summary>The state of one solve: name states, the undo trail and the memo of failed states.</summary>
internal sealed class SolverRun(PackagePool pool, SolveOptions options)
{
    private enum Undo { Assign, Requirement, Constraint, Activate }

    private readonly Dictionary<string, NameState> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MatchSpec> _specs = new(StringComparer.Ordinal);
    private readonly List<NameState> _active = [];
    private readonly Stack<(Undo Kind, NameState Name)> _trail = new();
    private readonly Dictionary<(ulong, ulong), HashSet<NameState>> _failed = [];
    private readonly Random _keys = new(20240917);
    private ConflictLog? _conflictLog;
    private ConflictLog _conflicts => _conflictLog ??= new ConflictLog(pool, options.ChannelPriority, State);
    private ulong _h1, _h2;
    private int _steps;

    public Solution Run(List<MatchSpec> specs)
    {
        foreach (var spec in specs)
        {
            if (spec.Name.Contains('*'))
                throw new CondaRecipesException(ChannelErrorCodes.InvalidMatchSpec,
                    $"Cannot install '{spec.Original}': the package name is a pattern.", hint: "Name one package.");
            AddRequirement(new Requirement(spec, null, null));
        }
        // A requested spec that nothing can satisfy is reported before any search.
        foreach (var ns in _active)
            foreach (var r in ns.Requirements)
                if (ns.Viable(IsDead).Count == 0)
                    _conflicts.RecordEmpty(ns);
        if (_conflicts.Count == 0 && Search() is null)
            return new Solution(InstallOrder(), _steps);
        throw Unsatisfiable(specs);
    }

    /// <summary>
    /// Extends the current choices to a full solution. Returns null on success; on failure, the names whose
    /// current choices explain it (a conflict set). A level whose name is not in the conflict set returned
    /// from below has its other candidates skipped (conflict-directed backjumping), since no other choice
    /// there can help.
    /// </summary>
    private HashSet<NameState>? Search()
    {
        var key = (_h1, _h2);
        if (_failed.TryGetValue(key, out var known)) return known;
        NameState? pick = null;
        List<Candidate>? pickViable = null;
        for (var i = 0; i < _active.Count; i++)
        {
            var ns = _active[i];
            if (ns.Assigned is not null) continue;
            var viable = ns.Viable(IsDead);
            if (viable.Count == 0)
            {
                _conflicts.RecordEmpty(ns);
                return _failed[key] = Reasons(ns);
            }
            if (pick is null || viable.Count == 1 && pickViable!.Count > 1) { pick = ns; pickViable = viable; }
        }
        if (pick is null) return null;

        var conflict = new HashSet<NameState>();
        foreach (var candidate in pickViable!.ToArray())
        {
            if (++_steps > options.MaxSteps)
                throw new CondaRecipesException(ChannelErrorCodes.SolveStepLimit,
                    $"The solver gave up after trying {options.MaxSteps} candidate records.",
                    hint: "Pin versions of the requested packages to narrow the search, or raise SolveOptions.MaxSteps.");
            var mark = _trail.Count;
            var below = Assign(pick, candidate) ?? Search();
            if (below is null) return null;
            UndoTo(mark);
            if (!below.Contains(pick)) return _failed[key] = below;
            conflict.UnionWith(below);
        }
        conflict.Remove(pick);
        conflict.UnionWith(Reasons(pick));
        return _failed[key] = conflict;
    }

    /// <summary>The names whose chosen records put requirements or constraints on <paramref name="ns"/>.</summary>
    private HashSet<NameState> Reasons(NameState ns)
    {
        var set = new HashSet<NameState>();
        foreach (var r in ns.Requirements) if (r.By is not null) set.Add(_names[r.By.Record.Name]);
        foreach (var r in ns.Constraints) if (r.By is not null) set.Add(_names[r.By.Record.Name]);
        return set;
    }

    /// <summary>Chooses <paramref name="c"/>; returns null, or the conflict set when a dependency or constraint clashes.</summary>
    private HashSet<NameState>? Assign(NameState ns, Candidate c)
    {
        ns.Assigned = c;
        _h1 ^= c.Key1;
        _h2 ^= c.Key2;
        _trail.Push((Undo.Assign, ns));
        var why = ns.Requirements[0];
        foreach (var dep in c.Depends ??= ParseSpecs(c, c.Record.Depends))
            if (AddRequirement(new Requirement(dep, c, why)) is { } clash) return [ns, clash];
        foreach (var con in c.Constrains ??= ParseSpecs(c, c.Record.Constrains))
            if (AddConstraint(new Requirement(con, c, why, isConstraint: true)) is { } clash) return [ns, clash];
        return null;
    }

    /// <summary>Adds a requirement; returns the name it clashes with when that name's chosen record does not satisfy it.</summary>
    private NameState? AddRequirement(Requirement r)
    {
        var ns = State(r.Spec.Name);
        ns.Requirements.Add(r);
        ns.Revision++;
        _trail.Push((Undo.Requirement, ns));
        if (!ns.Active)
        {
            ns.Active = true;
            _active.Add(ns);
            _trail.Push((Undo.Activate, ns));
        }
        if (ns.Assigned is { } chosen && !ns.Satisfies(r.Spec, chosen))
        {
            _conflicts.RecordClash(ns, r);
            return ns;
        }
        return null;
    }

    private NameState? AddConstraint(Requirement r)
    {
        var ns = State(r.Spec.Name);
        ns.Constraints.Add(r);
        ns.Revision++;
        _trail.Push((Undo.Constraint, ns));
        if (ns.Assigned is { } chosen && !ns.Satisfies(r.Spec, chosen))
        {
            _conflicts.RecordClash(ns, r);
            return ns;
        }
        return null;
    }

    private void UndoTo(int mark)
    {
        while (_trail.Count > mark)
        {
            var (kind, ns) = _trail.Pop();
            switch (kind)
            {
                case Undo.Assign:
                    _h1 ^= ns.Assigned!.Key1;
                    _h2 ^= ns.Assigned.Key2;
                    ns.Assigned = null;
                    break;
                case Undo.Requirement:
                    ns.Requirements.RemoveAt(ns.Requirements.Count - 1);
                    ns.Revision++;
                    break;
                case Undo.Constraint:
                    ns.Constraints.RemoveAt(ns.Constraints.Count - 1);
                    ns.Revision++;
                    break;
                case Undo.Activate:
                    ns.Active = false;
                    _active.RemoveAt(_active.Count - 1);
                    break;
            }
        }
    }

    /// <summary>
    /// True when <paramref name="c"/> can never be installed: some dependency has no record that could be.
    /// Records on a dependency cycle being examined count as installable, so only certain deaths are recorded.
    /// </summary>
    private bool IsDead(Candidate c)
    {
        switch (c.DeadState)
        {
            case 1 or 2: return false;
            case 3: return true;
        }
        c.DeadState = 1;
        foreach (var dep in c.Depends ??= ParseSpecs(c, c.Record.Depends))
        {
            var ns = State(dep.Name);
            var mask = ns.MatchesOf(dep);
            var any = false;
            for (var i = 0; i < mask.Length && !any; i++) any = mask[i] && !IsDead(ns.Candidates[i]);
            if (any) continue;
            c.DeadState = 3;
            c.DeadBecause = dep;
            return true;
        }
        c.DeadState = 2;
        return false;
    }

    private MatchSpec[] ParseSpecs(Candidate c, IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var result = new MatchSpec[texts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (_specs.TryGetValue(texts[i], out var spec)) { result[i] = spec; continue; }
            try { spec = MatchSpec.Parse(texts[i]); }
            catch (CondaRecipesException e)
            {
                throw new CondaRecipesException(e.Code, $"Record {c.Display} in {c.Record.Channel}: {e.Message}",
                    file: c.Record.FileName, hint: "Fix the recipe's requirements and rebuild the package, or remove it from the channel.");
            }
            result[i] = _specs[texts[i]] = spec;
        }
        return result;
    }

    /// <summary>The state of <paramref name="name"/>, building its preference-ordered candidate list on first use.</summary>
    private NameState State(string name)
    {
        if (_names.TryGetValue(name, out var ns)) return ns;
        var entries = pool.EntriesNamed(name);
        var filtered = 0;
        IEnumerable<PackagePool.Entry> usable = entries;
        if (options.ChannelPriority == ChannelPriority.Strict && entries.Count > 0)
        {
            var best = entries.Min(e => e.Rank);
            usable = entries.Where(e => e.Rank == best);
            filtered = entries.Count(e => e.Rank != best);
        }
        var candidates = new List<Candidate>(entries.Count);
        foreach (var e in usable)
            if (VersionOrder.TryParse(e.Record.Version, out var v)) // a record with an unreadable version is never chosen
                candidates.Add(new Candidate(e.Record, v!, e.Rank, NextKey(), NextKey()));
        candidates.Sort(options.ChannelPriority == ChannelPriority.Strict ? CompareStrict : CompareFlexible);
        _names[name] = ns = new NameState(name, candidates.ToArray(), filtered);
        return ns;
    }

    private ulong NextKey() => (ulong)_keys.NextInt64() ^ ((ulong)_keys.Next() << 63);

    private static int CompareStrict(Candidate a, Candidate b)
    {
        var c = a.Rank.CompareTo(b.Rank);
        return c != 0 ? c : CompareFlexible(a, b);
    }

    private static int CompareFlexible(Candidate a, Candidate b)
    {
        var c = a.TrackFeatureCount.CompareTo(b.TrackFeatureCount);
        if (c != 0) return c;
        c = b.Version.CompareTo(a.Version);
        if (c != 0) return c;
        c = b.Record.BuildNumber.CompareTo(a.Record.BuildNumber);
        if (c != 0) return c;
        c = a.Rank.CompareTo(b.Rank);
        if (c != 0) return c;
        return (b.Record.Timestamp ?? 0).CompareTo(a.Record.Timestamp ?? 0);
    }

    /// <summary>Chosen records, each after the chosen records it depends on (depth-first, names in order).</summary>
    private List<PackageRecord> InstallOrder()
    {
        var chosen = _active.Where(n => n.Assigned is not null).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var order = new List<PackageRecord>(chosen.Count);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        void Visit(NameState ns)
        {
            if (state.TryGetValue(ns.Name, out var s) && s != 0) return; // done, or a cycle: break it here
            state[ns.Name] = 1;
            foreach (var dep in ns.Assigned!.Depends ?? [])
                if (_names.TryGetValue(dep.Name, out var d) && d.Assigned is not null) Visit(d);
            state[ns.Name] = 2;
            order.Add(ns.Assigned.Record);
        }
        foreach (var ns in chosen) Visit(ns);
        return order;
    }

    private CondaRecipesException Unsatisfiable(List<MatchSpec> specs)
    {
        var searched = $"Searched {(options.ChannelPriority == ChannelPriority.Strict ? "with strict" : "with flexible")} " +
                       $"channel priority, in order: {string.Join(", ", pool.Channels)} ({pool.Count} records; {_steps} candidates tried).";
        return new CondaRecipesException(ChannelErrorCodes.Unsatisfiable,
            $"Cannot solve the environment for {string.Join(", ", specs.Select(s => s.Original))}:" + Environment.NewLine +
            _conflicts.Describe() + Environment.NewLine + searched,
            hint: "Build or index the missing package, relax a pin, or add the channel that provides it.");
    }
}
