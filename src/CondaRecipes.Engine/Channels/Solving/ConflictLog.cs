using System.Text;
using CondaRecipes.Channels.Specs;

namespace CondaRecipes.Channels.Solving;

/// <summary>
/// Collects the dead ends the search met and turns the most telling ones into the message of CR5200:
/// first requirements that no record satisfies at all (with the chain of specs that led to them), then
/// pairs of requirements no single record satisfies together (with who required each), then choices
/// that clashed with a later requirement.
/// </summary>
internal sealed class ConflictLog(PackagePool pool, ChannelPriority priority, Func<string, NameState> state)
{
    private const int MaxDistinct = 2000;
    private const int MaxShown = 3;

    private enum Kind { Missing = 0, Incompatible = 1, ChoiceClash = 2 }

    private sealed class Event(Kind kind, string text, int order)
    {
        public Kind Kind { get; } = kind;
        public string Text { get; } = text;
        public int Order { get; } = order;
        public int Count { get; set; } = 1;
    }

    /// <summary>A dead end as met: the name and the requirements in force then (immutable snapshots).</summary>
    private sealed record Raw(NameState Name, Requirement[] Requirements, Requirement[] Constraints,
        Requirement? Clash, Candidate? Chosen);

    private const int MaxRaw = 500;
    private readonly List<Raw> _raw = [];
    private readonly Dictionary<string, Event> _events = new(StringComparer.Ordinal);

    /// <summary>Dead ends recorded so far (at most a few hundred are kept).</summary>
    public int Count => _raw.Count;

    // Recording only snapshots the state: the search may meet thousands of dead ends, and the messages are
    // built once, for the few that are shown.

    /// <summary>No candidate of <paramref name="ns"/> satisfies all requirements and constraints in force.</summary>
    public void RecordEmpty(NameState ns)
    {
        if (_raw.Count < MaxRaw) _raw.Add(new Raw(ns, [.. ns.Requirements], [.. ns.Constraints], null, null));
    }

    /// <summary><paramref name="r"/> was added to a name whose chosen record does not satisfy it.</summary>
    public void RecordClash(NameState ns, Requirement r)
    {
        if (_raw.Count < MaxRaw) _raw.Add(new Raw(ns, [.. ns.Requirements], [.. ns.Constraints], r, ns.Assigned));
    }

    private void AnalyseEmpty(NameState ns, Requirement[] requirements, Requirement[] constraints)
    {
        var missing = false;
        foreach (var r in requirements)
        {
            var mask = ns.MatchesOf(r.Spec);
            var first = Array.IndexOf(mask, true);
            if (first < 0)
            {
                var reason = NothingMatches(ns, r.Spec);
                Add(Kind.Missing, $"{r.Chain()} -> ({reason})", $"missing|{r.Spec.Original}|{reason}");
                missing = true;
            }
            else if (Enumerable.Range(0, mask.Length).All(i => !mask[i] || ns.Candidates[i].DeadState == 3))
            {
                // Every match is never installable: follow the first one down to the missing package.
                var reason = ExplainDead(ns.Candidates[first], 0);
                Add(Kind.Missing, $"{r.Chain()} ({ns.Candidates[first].Display}) -> {reason}", $"missing|{r.Spec.Original}|{reason}");
                missing = true;
            }
        }
        if (!missing) AnalyseIncompatible(ns, requirements, constraints);
    }

    private void AnalyseClash(NameState ns, Requirement[] requirements, Requirement[] constraints, Requirement r, Candidate chosen)
    {
        var all = requirements.Concat(constraints).ToList();
        var jointlyPossible = Enumerable.Range(0, ns.Candidates.Length)
            .Any(i => all.All(q => ns.MatchesOf(q.Spec)[i]));
        if (!jointlyPossible) { AnalyseEmpty(ns, requirements, constraints); return; }
        Add(Kind.ChoiceClash,
            $"{ns.Name}: {r.Chain()}{Environment.NewLine}      is not satisfied by {chosen.Display}, " +
            $"chosen for {requirements[0].Chain()}");
    }

    private void AnalyseIncompatible(NameState ns, Requirement[] requirements, Requirement[] constraints)
    {
        var all = requirements.Concat(constraints).ToList();
        for (var i = 0; i < all.Count; i++)
        for (var j = i + 1; j < all.Count; j++)
        {
            var a = ns.MatchesOf(all[i].Spec);
            var b = ns.MatchesOf(all[j].Spec);
            var together = false;
            for (var k = 0; k < a.Length && !together; k++) together = a[k] && b[k];
            if (together) continue;
            var pair = new[] { all[i].Chain(), all[j].Chain() }.Order(StringComparer.Ordinal).ToArray();
            Add(Kind.Incompatible, $"{ns.Name}: no build satisfies both{Environment.NewLine}      {pair[0]}" +
                                   $"{Environment.NewLine}      {pair[1]}");
            return;
        }
        Add(Kind.Incompatible, $"{ns.Name}: no build satisfies all of" +
                               string.Concat(all.Select(r => $"{Environment.NewLine}      {r.Chain()}")));
    }

    private string ExplainDead(Candidate c, int depth)
    {
        var dep = c.DeadBecause!;
        var ns = state(dep.Name);
        var mask = ns.MatchesOf(dep);
        var next = Array.IndexOf(mask, true);
        if (next < 0 || depth > 20 || ns.Candidates[next].DeadBecause is null)
            return next < 0 ? $"{dep.Original} -> ({NothingMatches(ns, dep)})" : $"{dep.Original} -> (…)";
        return $"{dep.Original} ({ns.Candidates[next].Display}) -> {ExplainDead(ns.Candidates[next], depth + 1)}";
    }

    private string NothingMatches(NameState ns, MatchSpec spec)
    {
        var entries = pool.EntriesNamed(ns.Name);
        if (entries.Count == 0)
            return $"no package named {ns.Name} in channels {string.Join(", ", pool.Channels)}";
        var sb = new StringBuilder($"no {ns.Name} build matching '{Describe(spec)}'");
        var channels = ns.Candidates.Select(c => c.Record.Channel).Distinct().ToList();
        sb.Append(" in ").Append(priority == ChannelPriority.Strict && ns.FilteredByPriority > 0
            ? $"{string.Join(", ", channels)} (strict channel priority hides {ns.FilteredByPriority} {ns.Name} record(s) of lower-priority channels)"
            : $"channels {string.Join(", ", pool.Channels)}");
        var seen = ns.Candidates.Take(6).Select(c => $"{c.Record.Version} {c.Record.Build}").ToList();
        sb.Append("; builds there: ").AppendJoin(", ", seen);
        if (ns.Candidates.Length > seen.Count) sb.Append($", … ({ns.Candidates.Length} in all)");
        return sb.ToString();
    }

    /// <summary><c>*=derecho*</c>, <c>&gt;=1.2</c>, <c>1.2*=py*[build_number=&gt;=1000]</c>: the part of a spec after its name.</summary>
    private static string Describe(MatchSpec spec)
    {
        var text = spec.Version?.Text ?? "*";
        if (spec.Build is not null) text += "=" + spec.Build.Text;
        if (spec.BuildNumber is not null) text += $"[build_number={spec.BuildNumber}]";
        if (spec.Channel is not null) text = $"{spec.Channel}::{text}";
        return text;
    }

    /// <summary>Counts an event; events with the same <paramref name="key"/> (default: the text) are one.</summary>
    private void Add(Kind kind, string text, string? key = null)
    {
        key ??= text;
        if (_events.TryGetValue(key, out var e)) { e.Count++; return; }
        if (_events.Count < MaxDistinct) _events[key] = new Event(kind, text, _events.Count);
    }

    /// <summary>The few most telling conflicts, one per line (continuation lines indented).</summary>
    public string Describe()
    {
        foreach (var raw in _raw)
            if (raw.Clash is null) AnalyseEmpty(raw.Name, raw.Requirements, raw.Constraints);
            else AnalyseClash(raw.Name, raw.Requirements, raw.Constraints, raw.Clash, raw.Chosen!);
        var shown = _events.Values.OrderBy(e => e.Kind).ThenByDescending(e => e.Count).ThenBy(e => e.Order).Take(MaxShown).ToList();
        if (shown.Count == 0) return "  (no conflict was recorded)";
        var sb = new StringBuilder();
        foreach (var e in shown) sb.Append(sb.Length == 0 ? "" : Environment.NewLine).Append("  - ").Append(e.Text);
        if (_events.Count > shown.Count) sb.Append(Environment.NewLine).Append($"  ({_events.Count - shown.Count} more dead end(s) not shown)");
        return sb.ToString();
    }
}
