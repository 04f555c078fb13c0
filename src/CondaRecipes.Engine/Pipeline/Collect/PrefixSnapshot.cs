namespace CondaRecipes.Pipeline.Collect;

/// <summary>
/// The files of a prefix at one moment (path → size, mtime, kind), so that after the build script ran we
/// package exactly what it added or changed — never the scaffolding that was there before (a Python venv's
/// pyvenv.cfg, bin/python, activate scripts).
/// </summary>
public sealed class PrefixSnapshot
{
    private readonly Dictionary<string, (long Size, long MTime, bool Link)> _entries;

    private PrefixSnapshot(Dictionary<string, (long, long, bool)> entries) => _entries = entries;

    /// <summary>
    /// Walks the prefix without following symbolic links: a link (to a file or a folder, like a venv's
    /// <c>lib64 → lib</c>) is one entry, so nothing is seen twice through it.
    /// </summary>
    public static PrefixSnapshot Take(string prefix)
    {
        var entries = new Dictionary<string, (long, long, bool)>(StringComparer.Ordinal);
        if (!Directory.Exists(prefix))
            return new PrefixSnapshot(entries);
        var pending = new Stack<string>();
        pending.Push(prefix);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            var empty = true;
            foreach (var path in Directory.EnumerateFileSystemEntries(dir))
            {
                empty = false;
                var info = new FileInfo(path);
                var rel = Path.GetRelativePath(prefix, path);
                if (info.LinkTarget is not null)
                    entries[rel] = (0, info.LastWriteTimeUtc.Ticks, true);
                else if (Directory.Exists(path))
                    pending.Push(path);
                else
                    entries[rel] = (info.Length, info.LastWriteTimeUtc.Ticks, false);
            }
            // An empty directory is an entry of its own (conda packages may ship them).
            if (empty && dir != prefix)
                entries[Path.GetRelativePath(prefix, dir)] = (0, 0, false);
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
