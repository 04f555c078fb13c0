using CondaRecipes.Diagnostics;

namespace CondaRecipes.Elf;

/// <summary>What the policy did with one search-path entry.</summary>
public enum RpathEntryAction
{
    /// <summary>Started with <c>$ORIGIN</c> or <c>${ORIGIN}</c>: kept as is.</summary>
    KeptOrigin,
    /// <summary>Absolute inside the host prefix: rewritten relative to the file as <c>$ORIGIN/…</c>.</summary>
    MadeRelative,
    /// <summary>Absolute outside the host prefix but matching a whitelist pattern: kept verbatim.</summary>
    KeptWhitelisted,
    /// <summary>Absolute outside the host prefix, matching no whitelist pattern: removed (CR3101).</summary>
    RemovedOutsidePrefix,
    /// <summary>Relative without <c>$ORIGIN</c>: removed (CR3102).</summary>
    RemovedRelative,
    /// <summary>Appended from <c>build/rpaths</c>.</summary>
    AddedFromRpaths,
}

/// <param name="Original">The entry as found (or the <c>build/rpaths</c> entry).</param>
/// <param name="Action">What happened to it.</param>
/// <param name="Result">The entry written, or null when removed.</param>
public sealed record RpathEntryOutcome(string Original, RpathEntryAction Action, string? Result);

/// <summary>The new search path of one file and how each entry was treated.</summary>
/// <param name="Entries">The new entries, deduplicated, in order.</param>
public sealed record RpathDecision(IReadOnlyList<string> Entries, IReadOnlyList<RpathEntryOutcome> Outcomes,
    IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>The entries joined with <c>:</c>, the value to write.</summary>
    public string Value => string.Join(':', Entries);
}

/// <summary>
/// conda-build's <c>mk_relative_linux</c> rule with the host whitelist (reference §6): entries with
/// <c>$ORIGIN</c> stay, entries inside the host prefix become <c>$ORIGIN</c>-relative, entries outside it
/// stay only when they match a <c>host_runpath_whitelist</c> glob, other relative entries go, and each
/// <c>build/rpaths</c> entry is appended. A pure function of its inputs: no file is read.
/// </summary>
/// <param name="HostRunpathWhitelist">fnmatch globs (site and recipe merged, see <see cref="MergeWhitelists"/>).</param>
/// <param name="Rpaths"><c>build/rpaths</c>: directories relative to the host prefix (absolute ones are
/// treated like existing entries); default <c>["lib"]</c>.</param>
public sealed record RpathPolicy(IReadOnlyList<string> HostRunpathWhitelist, IReadOnlyList<string> Rpaths)
{
    public static readonly IReadOnlyList<string> DefaultRpaths = ["lib"];

    public RpathPolicy() : this([], DefaultRpaths) { }

    /// <summary>Site and recipe whitelists (or any number of lists) as one list: trimmed, empty patterns
    /// dropped, duplicates removed, first occurrence order kept.</summary>
    public static IReadOnlyList<string> MergeWhitelists(params IEnumerable<string>?[] lists) =>
        lists.Where(l => l is not null).SelectMany(l => l!).Select(p => p.Trim()).Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Applies the policy to one file.</summary>
    /// <param name="relativeFile">The file's path relative to the host prefix, e.g. <c>lib/libfoo.so</c>;
    /// it names the file in warnings.</param>
    /// <param name="hostPrefix">The host prefix, absolute.</param>
    /// <param name="existing">The file's current RPATH or RUNPATH value (null or empty when none).</param>
    /// <param name="tag">Which tag the value came from; only used in warning wording.</param>
    public RpathDecision Apply(string relativeFile, string hostPrefix, string? existing, RpathTag tag = RpathTag.Rpath)
    {
        var prefix = Normalize(hostPrefix);
        var fileDir = Path.GetDirectoryName(Path.Combine(prefix, relativeFile)) ?? prefix;
        var tagName = tag == RpathTag.Rpath ? "RPATH" : "RUNPATH";
        var outcomes = new List<RpathEntryOutcome>();
        var warnings = new List<Diagnostic>();

        foreach (var entry in ElfFileInfo.SplitPath(existing))
        {
            var outcome = Classify(entry, prefix, fileDir, fromRpaths: false);
            outcomes.Add(outcome);
            if (outcome.Action == RpathEntryAction.RemovedOutsidePrefix)
                warnings.Add(Diagnostic.Warning(ElfErrorCodes.RpathOutsidePrefixRemoved,
                    $"{tagName} entry '{entry}' is outside the host prefix and matches no host_runpath_whitelist pattern ({DescribeWhitelist()}); removed.",
                    relativeFile));
            else if (outcome.Action == RpathEntryAction.RemovedRelative)
                warnings.Add(Diagnostic.Warning(ElfErrorCodes.RelativeRpathRemoved,
                    $"{tagName} entry '{entry}' is relative and does not start with $ORIGIN; removed.", relativeFile));
        }
        foreach (var rpath in Rpaths.Where(r => r.Length > 0))
        {
            var absolute = rpath.StartsWith('/') || IsOrigin(rpath) ? rpath : Path.Combine(prefix, rpath);
            var outcome = Classify(absolute, prefix, fileDir, fromRpaths: true);
            outcomes.Add(outcome with { Original = rpath, Action = RpathEntryAction.AddedFromRpaths });
        }

        var entries = outcomes.Select(o => o.Result).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new RpathDecision(entries, outcomes, warnings);
    }

    private RpathEntryOutcome Classify(string entry, string prefix, string fileDir, bool fromRpaths)
    {
        if (IsOrigin(entry)) return new(entry, RpathEntryAction.KeptOrigin, entry);
        if (!entry.StartsWith('/')) return new(entry, RpathEntryAction.RemovedRelative, null);

        var normalized = Normalize(entry);
        if (normalized == prefix || normalized.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            var relative = Path.GetRelativePath(fileDir, normalized);
            return new(entry, RpathEntryAction.MadeRelative, relative == "." ? "$ORIGIN" : "$ORIGIN/" + relative);
        }
        // An absolute build/rpaths entry outside the prefix was asked for explicitly by the recipe: keep it.
        if (fromRpaths || FnMatch.IsMatchAny(entry, HostRunpathWhitelist) || FnMatch.IsMatchAny(normalized, HostRunpathWhitelist))
            return new(entry, RpathEntryAction.KeptWhitelisted, entry);
        return new(entry, RpathEntryAction.RemovedOutsidePrefix, null);
    }

    private string DescribeWhitelist() => HostRunpathWhitelist.Count == 0 ? "none" : string.Join(", ", HostRunpathWhitelist);

    internal static bool IsOrigin(string entry) =>
        entry.StartsWith("$ORIGIN", StringComparison.Ordinal) || entry.StartsWith("${ORIGIN}", StringComparison.Ordinal);

    /// <summary>Collapses <c>.</c>, <c>..</c> and repeated or trailing slashes without touching the disk.</summary>
    internal static string Normalize(string absolute)
    {
        var full = Path.GetFullPath(absolute);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
