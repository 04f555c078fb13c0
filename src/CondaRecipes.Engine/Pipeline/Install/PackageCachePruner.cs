using System.Globalization;

namespace CondaRecipes.Pipeline.Install;

/// <summary>What a prune did.</summary>
/// <param name="Removed">Entry folders removed.</param>
/// <param name="FreedBytes">Their size.</param>
/// <param name="InUse">Entries that were due but are leased by a running build, so kept.</param>
/// <param name="RemainingBytes">The cache's size afterwards.</param>
public sealed record PruneResult(IReadOnlyList<string> Removed, long FreedBytes, IReadOnlyList<string> InUse, long RemainingBytes);

/// <summary>
/// Keeps the extracted-package cache within <see cref="PackageCacheLimits"/>: entries unused for longer than the
/// age limit, then the least recently used (the mtime of their lease file) until the size fits; with
/// <c>all</c>, every entry (-t:CleanCache). An entry is removed only while the prune holds its lease lock
/// exclusively, so one a running build uses is kept; the folder is renamed aside first, so a build never sees
/// half of it. Extraction folders left by killed builds (<c>.name.&lt;32 hex&gt;.extract</c>) older than an hour
/// go too. Prefixes keep working: they hold hard links or copies, never links into the cache.
/// </summary>
public static class PackageCachePruner
{
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public static PruneResult Prune(string root, PackageCacheLimits limits, bool all = false, DateTime? now = null)
    {
        var removed = new List<string>();
        var inUse = new List<string>();
        if (!Directory.Exists(root)) return new PruneResult(removed, 0, inUse, 0);
        var clock = now ?? DateTime.UtcNow;
        RemoveAbandonedExtractions(root, clock);

        var entries = Directory.EnumerateDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Select(d => (Dir: d, LastUse: LastUse(d), Size: SizeOf(d)))
            .OrderBy(e => e.LastUse).ToList();
        var total = entries.Sum(e => e.Size);
        long freed = 0;
        foreach (var (dir, lastUse, size) in entries)
        {
            var due = all || (limits.MaxAge is { } age && clock - lastUse > age) || (limits.MaxBytes is { } max && total > max);
            if (!due) continue;
            if (!TryRemove(dir)) { inUse.Add(dir); continue; }
            removed.Add(dir);
            freed += size;
            total -= size;
        }
        return new PruneResult(removed, freed, inUse, total);
    }

    private static bool TryRemove(string dir)
    {
        var leasePath = PackageCacheLease.LeasePath(dir);
        FileStream lease;
        try
        {
            lease = new FileStream(leasePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false; // a running build holds it (or another prune is removing it)
        }
        using (lease)
        {
            var aside = Path.Combine(Path.GetDirectoryName(dir)!, $".{Path.GetFileName(dir)}.{Guid.NewGuid():N}.removing");
            try
            {
                if (Directory.Exists(dir)) Directory.Move(dir, aside);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            File.Delete(PackageCacheLease.SizePath(dir));
            File.Delete(leasePath);
            if (Directory.Exists(aside)) Directory.Delete(aside, recursive: true);
        }
        return true;
    }

    private static DateTime LastUse(string dir)
    {
        var lease = PackageCacheLease.LeasePath(dir);
        return File.Exists(lease) ? File.GetLastWriteTimeUtc(lease) : Directory.GetLastWriteTimeUtc(dir);
    }

    private static long SizeOf(string dir)
    {
        try
        {
            if (long.TryParse(File.Exists(PackageCacheLease.SizePath(dir)) ? File.ReadAllText(PackageCacheLease.SizePath(dir)) : "",
                    NumberStyles.None, CultureInfo.InvariantCulture, out var recorded)) return recorded;
            return PackageCacheLease.SizeOf(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // removed meanwhile by another prune
        }
    }

    /// <summary>Extraction and removal folders of killed processes; by age, as they have no lease.</summary>
    private static void RemoveAbandonedExtractions(string root, DateTime clock)
    {
        foreach (var dir in Directory.EnumerateDirectories(root, ".*"))
        {
            var name = Path.GetFileName(dir);
            // A folder renamed aside for removal is never used again; an extraction may still be running.
            var abandoned = name.EndsWith(".removing", StringComparison.Ordinal)
                || (name.EndsWith(".extract", StringComparison.Ordinal) && clock - Directory.GetLastWriteTimeUtc(dir) > AbandonedAfter);
            if (!abandoned) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* another prune got it */ }
        }
    }
}
