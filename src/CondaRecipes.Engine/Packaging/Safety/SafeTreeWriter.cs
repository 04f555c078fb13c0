using System.Formats.Tar;

namespace CondaRecipes.Packaging.Safety;

/// <summary>
/// The one place that decides whether an archive entry may be written and where; every extractor (source
/// archives and conda packages) writes through it into a fresh, empty root. Entry names must be relative
/// and free of <c>..</c> (as GNU tar insists): otherwise <see cref="PackagingErrorCodes.UnsafeEntryPath"/>.
/// Symbolic links are created only after every file and directory is written, so no write can pass
/// through a link from the archive; each link, then all of them together, must resolve inside the root
/// when every link on the way is followed (a later link can change where an earlier one resolves):
/// otherwise <see cref="PackagingErrorCodes.UnsafeLinkTarget"/>. Hard links become copies of a file
/// extracted before them. Devices, FIFOs and other special entries are skipped, as conda skips them.
/// A later entry of the same name replaces an earlier one, as tar's do.
/// </summary>
internal sealed class SafeTreeWriter(string root, ArchiveOrigin origin, SafeTreeWriter.Options? options = null)
{
    /// <summary>How written files are finished: mode bits always added (a source tree must stay writable
    /// by its owner) and whether the archive's modification times are kept.</summary>
    internal sealed record Options(UnixFileMode AddedModeBits = UnixFileMode.None, bool KeepModificationTimes = false);

    private const int MaxLinkHops = 40;
    private readonly string _root = Path.GetFullPath(root);
    private readonly Options _options = options ?? new Options();
    private readonly OrderedDictionary<string, (string Name, string[] Parts, string Target)> _links = new(StringComparer.Ordinal);
    // What this writer created; the root starts empty, so nothing else can be on disk and no look-up is needed.
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal) { "" };

    /// <summary>Writes one tar entry by its type.</summary>
    public void Add(TarEntry entry)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                AddDirectory(entry.Name);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                AddFile(entry.Name, entry.DataStream, entry.Mode, entry.ModificationTime);
                break;
            case TarEntryType.SymbolicLink:
                AddSymlink(entry.Name, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                AddHardLink(entry.Name, entry.LinkName);
                break;
            // Devices, FIFOs and global headers have no place in a source tree or a prefix.
        }
    }

    public void AddDirectory(string name)
    {
        var parts = Split(name);
        var key = Key(parts);
        _links.Remove(key);
        if (_files.Contains(key)) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, "is a directory where a file was already extracted");
        EnsureFolder(parts);
    }

    public void AddFile(string name, Stream? data, UnixFileMode? mode, DateTimeOffset? modified)
    {
        var path = PrepareFile(name, "is a file without a name");
        var createMode = mode is { } m ? m | _options.AddedModeBits : (UnixFileMode?)null;
        using (var output = new FileStream(path, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
                   UnixCreateMode = createMode,
               }))
            data?.CopyTo(output, 1 << 20);
        // The process umask may have narrowed the mode given at creation; extracted files keep theirs exactly.
        if (createMode is { } wanted && (wanted & ProcessUmask.Value) != 0) File.SetUnixFileMode(path, wanted);
        if (modified is { } t && _options.KeepModificationTimes) File.SetLastWriteTimeUtc(path, t.UtcDateTime);
    }

    /// <summary>A hard link to a file extracted earlier; written as a copy, which neither a source tree nor a
    /// prefix can tell apart and which needs no hard-link support from the file system.</summary>
    public void AddHardLink(string name, string target)
    {
        var targetParts = Split(target);
        if (!_files.Contains(Key(targetParts)))
            throw Unsafe(PackagingErrorCodes.UnsafeLinkTarget, name, $"is a hard link to '{target}', which is not a file extracted before it");
        var path = PrepareFile(name, "is a hard link without a name");
        File.Copy(Physical(targetParts), path);
    }

    public void AddSymlink(string name, string target)
    {
        var parts = Split(name);
        if (parts.Length == 0) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, "is a link without a name");
        if (target.Length == 0 || target.StartsWith('/'))
            throw Unsafe(PackagingErrorCodes.UnsafeLinkTarget, name, $"is a link to the absolute path '{target}'");
        var key = Key(parts);
        _links.Remove(key); // a later entry replaces an earlier one, and takes its place in the order
        _links.Add(key, (name, parts, target));
    }

    /// <summary>Creates the deferred links, checking each one and then the whole set.</summary>
    public void Complete()
    {
        foreach (var (key, (name, parts, target)) in _links)
        {
            var parent = parts[..^1];
            if (!StaysInside(parent))
                throw Unsafe(PackagingErrorCodes.UnsafeLinkTarget, name, "lies under a link that points outside the destination");
            if (!StaysInside([.. parent, .. target.Split('/')]))
                throw Unsafe(PackagingErrorCodes.UnsafeLinkTarget, name, $"is a link to '{target}', outside the destination");
            if (_folders.Contains(key))
                throw Unsafe(PackagingErrorCodes.UnsafeLinkTarget, name, "is a link where a directory was already extracted; the files under it would be written through the link");
            Directory.CreateDirectory(Path.GetDirectoryName(Physical(parts))!);
            var path = Physical(parts);
            if (_files.Remove(key)) File.Delete(path);
            File.CreateSymbolicLink(path, target);
        }
        foreach (var (_, (name, parts, target)) in _links)
            if (!StaysInside(parts))
                throw Unsafe(PackagingErrorCodes.UnsafeLinkTarget, name, $"is a link to '{target}', which other links make point outside the destination");
    }

    private string PrepareFile(string name, string nameless)
    {
        var parts = Split(name);
        if (parts.Length == 0) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, nameless);
        var key = Key(parts);
        if (_folders.Contains(key)) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, "is a file where a directory was already extracted");
        _links.Remove(key);
        EnsureFolder(parts[..^1]);
        var path = Physical(parts);
        if (!_files.Add(key)) File.Delete(path);
        return path;
    }

    private void EnsureFolder(string[] parts)
    {
        var key = Key(parts);
        if (_folders.Contains(key)) return;
        if (_files.Contains(key)) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, key, "needs a directory where a file was already extracted");
        if (parts.Length > 1) EnsureFolder(parts[..^1]);
        Directory.CreateDirectory(Physical(parts));
        _folders.Add(key);
    }

    private string Physical(string[] parts) => Path.Combine([_root, .. parts]);

    private static string Key(string[] parts) => string.Join('/', parts);

    private string[] Split(string name)
    {
        if (name.StartsWith('/')) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, "has an absolute path");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains("..")) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, "has a '..' component");
        if (parts.Any(p => p.Contains('\0'))) throw Unsafe(PackagingErrorCodes.UnsafeEntryPath, name, "contains a NUL character");
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

    private Exception Unsafe(string code, string entry, string reason) => origin.Unsafe(code, entry, reason);
}
