namespace CondaRecipes.Build.Collect;

/// <summary>
/// The files of a prefix at one moment (path → size, mtime, kind), so that after the build script ran we
/// package exactly what it added or changed — never the scaffolding that was there before (a Python venv's
/// pyvenv.cfg, bin/python, activate scripts).
/// </summary>
public sealed class PrefixSnapshot
{
    private readonly Dictionary<string, (long Size, long MTime, bool Link)> _entries;

    private PrefixSnapshot(Dictionary<string, (long, long, bool)> entries) => _entries = entries;

    public static PrefixSnapshot Take(string prefix)
    {
        var entries = new Dictionary<string, (long, long, bool)>(StringComparer.Ordinal);
        if (Directory.Exists(prefix))
            foreach (var info in new DirectoryInfo(prefix).EnumerateFileSystemInfos("*", new EnumerationOptions
                     { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }))
            {
                var rel = Path.GetRelativePath(prefix, info.FullName);
                var link = info.LinkTarget is not null;
                if (info is FileInfo f)
                    entries[rel] = (link ? 0 : f.Length, info.LastWriteTimeUtc.Ticks, link);
                else if (link || !Directory.EnumerateFileSystemEntries(info.FullName).Any())
                    entries[rel] = (0, 0, link); // symlinked or empty directories are entries of their own
            }
        return new PrefixSnapshot(entries);
    }

    /// <summary>Paths (relative, '/'-separated) present now that were absent or different before.</summary>
    public IReadOnlyList<string> NewOrChangedSince(PrefixSnapshot before) =>
        _entries.Where(e => !before._entries.TryGetValue(e.Key, out var old) || old != e.Value)
            .Select(e => e.Key.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
