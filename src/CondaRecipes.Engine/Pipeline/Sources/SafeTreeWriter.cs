namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Writes archive entries under one root directory and refuses anything that would land, or point,
/// outside it. Entry names must be relative and free of <c>..</c> (as GNU tar insists). Symbolic links
/// are created only after every file and directory is written — so no file write can pass through a
/// link from the archive — and each link, then all of them together, must resolve inside the root
/// when every link on the way is followed.
/// </summary>
internal sealed class SafeTreeWriter(string root, Func<string, string, Exception> unsafeEntry)
{
    private const int MaxLinkHops = 40;
    private readonly string _root = System.IO.Path.GetFullPath(root);
    private readonly List<(string Name, string[] Parts, string Target)> _links = [];

    public void AddDirectory(string name)
    {
        var parts = Split(name);
        if (parts.Length > 0) Directory.CreateDirectory(Physical(parts));
    }

    public void AddFile(string name, Stream? data, UnixFileMode? mode, DateTimeOffset? modified)
    {
        var parts = Split(name);
        if (parts.Length == 0) throw unsafeEntry(name, "is a file without a name");
        var path = Physical(parts);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (Directory.Exists(path)) throw unsafeEntry(name, "is a file where a directory was already extracted");
        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write))
            data?.CopyTo(output);
        if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, m | UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (modified is { } t) File.SetLastWriteTimeUtc(path, t.UtcDateTime);
    }

    /// <summary>A hard link to an entry extracted earlier; written as a copy, which a source tree cannot
    /// tell apart and which needs no hard-link support from the file system.</summary>
    public void AddHardLink(string name, string target)
    {
        var targetPath = Physical(Split(target));
        if (!File.Exists(targetPath)) throw unsafeEntry(name, $"is a hard link to '{target}', which is not in the archive before it");
        var path = Physical(Split(name));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.Copy(targetPath, path, overwrite: true);
    }

    public void AddSymlink(string name, string target)
    {
        var parts = Split(name);
        if (parts.Length == 0) throw unsafeEntry(name, "is a link without a name");
        if (target.Length == 0 || target.StartsWith('/'))
            throw unsafeEntry(name, $"is a link to the absolute path '{target}'");
        _links.Add((name, parts, target));
    }

    /// <summary>Creates the deferred links, checking each one and then the whole set (a later link can
    /// change where an earlier one resolves).</summary>
    public void Complete()
    {
        foreach (var (name, parts, target) in _links)
        {
            var parent = parts[..^1];
            if (!StaysInside(parent))
                throw unsafeEntry(name, "lies under a link that points outside the source directory");
            if (!StaysInside([.. parent, .. target.Split('/')]))
                throw unsafeEntry(name, $"is a link to '{target}', outside the source directory");
            var path = Physical(parts);
            var parentPath = System.IO.Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(parentPath);
            var existing = new FileInfo(path);
            if (existing.LinkTarget is null && Directory.Exists(path))
                throw unsafeEntry(name, "is a link where a directory was already extracted");
            if (existing.Exists || existing.LinkTarget is not null) existing.Delete();
            File.CreateSymbolicLink(path, target);
        }
        foreach (var (name, parts, target) in _links)
            if (!StaysInside(parts))
                throw unsafeEntry(name, $"is a link to '{target}', which other links make point outside the source directory");
    }

    private string Physical(string[] parts) => System.IO.Path.Combine([_root, .. parts]);

    private string[] Split(string name)
    {
        if (name.StartsWith('/')) throw unsafeEntry(name, "has an absolute path");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains("..")) throw unsafeEntry(name, "contains '..'");
        if (parts.Any(p => p.Contains('\0'))) throw unsafeEntry(name, "contains a NUL character");
        return parts;
    }

    /// <summary>Walks <paramref name="parts"/> from the root as the kernel would, following every link
    /// met on the way, and says whether the walk stays inside the root. Missing components are taken
    /// literally, so a dangling link inside the root is fine.</summary>
    private bool StaysInside(IEnumerable<string> parts)
    {
        var current = new List<string>();
        var pending = new LinkedList<string>(parts);
        var hops = 0;
        while (pending.First is { } node)
        {
            pending.RemoveFirst();
            var part = node.Value;
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (current.Count == 0) return false;
                current.RemoveAt(current.Count - 1);
                continue;
            }
            current.Add(part);
            var target = new FileInfo(Physical([.. current])).LinkTarget;
            if (target is null) continue;
            if (++hops > MaxLinkHops || target.StartsWith('/')) return false;
            current.RemoveAt(current.Count - 1);
            foreach (var t in target.Split('/').Reverse()) pending.AddFirst(t);
        }
        return true;
    }
}
