using System.Formats.Tar;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging;

/// <summary>
/// Safe extraction of a package. Every write is checked against the links already on disk, not just the
/// entry's text, because a link extracted earlier can turn an innocent later path into an escape
/// (e.g. <c>a -&gt; b/..</c> followed by <c>b -&gt; .</c>). All symlinks are checked again at the end.
/// </summary>
internal static class ArchiveExtractor
{
    private const int MaxLinkHops = 40;

    internal static void Extract(string archivePath, string destinationDir, bool overwrite)
    {
        destinationDir = Path.GetFullPath(destinationDir).TrimEnd('/');
        if (Path.Exists(destinationDir) && !overwrite)
            throw new CondaRecipesException(PackagingErrorCodes.DestinationExists,
                $"Cannot extract '{archivePath}': '{destinationDir}' already exists.", archivePath,
                hint: "Remove the directory or ask for it to be replaced.");

        var parent = Path.GetDirectoryName(destinationDir)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(destinationDir)}.{Guid.NewGuid():N}.extract");
        Directory.CreateDirectory(temp);
        try
        {
            var state = new ExtractionState();
            ArchiveEntries.Read(archivePath, ArchiveComponent.All, entry =>
            {
                WriteEntry(archivePath, temp, entry, state);
                return true;
            });
            var symlinks = state.Symlinks;
            foreach (var link in symlinks)
                if (!StaysInside(temp, link, followLast: true))
                    throw Unsafe(archivePath, link, PackagingErrorCodes.UnsafeLinkTarget, "is a link that resolves outside the destination");

            if (Path.Exists(destinationDir)) Directory.Delete(destinationDir, recursive: true);
            Directory.Move(temp, destinationDir);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The entry name without a leading <c>./</c> and trailing <c>/</c>.</summary>
    internal static string Normalise(string name)
    {
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name.TrimEnd('/');
    }

    /// <summary>
    /// What one extraction has written so far. Packages hold thousands of files in a few hundred folders:
    /// a folder checked once (no link on its way, created by us) need not be walked again until a symlink
    /// is extracted, which could redirect it; and a name not written before cannot exist in the fresh
    /// temporary folder, so it needs no look-up before being created.
    /// </summary>
    private sealed class ExtractionState
    {
        public List<string> Symlinks { get; } = [];
        public HashSet<string> CheckedFolders { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Written { get; } = new(StringComparer.Ordinal);
    }

    private static void WriteEntry(string archivePath, string root, TarEntry entry, ExtractionState state)
    {
        var name = CheckedName(archivePath, entry.Name);
        if (name.Length == 0) return; // "./" itself
        var parentRelative = Path.GetDirectoryName(name) ?? "";
        if (!state.CheckedFolders.Contains(parentRelative))
        {
            if (!StaysInside(root, parentRelative, followLast: true))
                throw Unsafe(archivePath, entry.Name, PackagingErrorCodes.UnsafeLinkTarget, "would be written through a link that leaves the destination");
            Directory.CreateDirectory(Path.Combine(root, parentRelative));
            state.CheckedFolders.Add(parentRelative);
        }

        var target = Path.Combine(root, name);
        // tar semantics: a later entry replaces an earlier one; never write through an existing link.
        if (entry.EntryType != TarEntryType.Directory && !state.Written.Add(name)
            && (File.Exists(target) || new FileInfo(target).LinkTarget is not null))
            File.Delete(target);

        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(target);
                break;
            case TarEntryType.SymbolicLink:
                var linkTarget = entry.LinkName;
                if (linkTarget.StartsWith('/'))
                    throw Unsafe(archivePath, entry.Name, PackagingErrorCodes.UnsafeLinkTarget, $"is a link to the absolute path '{linkTarget}'");
                File.CreateSymbolicLink(target, linkTarget);
                if (!StaysInside(root, name, followLast: true))
                    throw Unsafe(archivePath, entry.Name, PackagingErrorCodes.UnsafeLinkTarget, $"is a link to '{linkTarget}', outside the destination");
                state.Symlinks.Add(name);
                state.CheckedFolders.Clear(); // a link can turn a checked folder's path into an escape
                break;
            case TarEntryType.HardLink:
                var source = CheckedName(archivePath, entry.LinkName);
                if (!StaysInside(root, source, followLast: true) || !File.Exists(Path.Combine(root, source)))
                    throw Unsafe(archivePath, entry.Name, PackagingErrorCodes.UnsafeLinkTarget, $"is a hard link to '{entry.LinkName}', which is not a file extracted before it");
                File.Copy(Path.Combine(root, source), target);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                using (var output = new FileStream(target, new FileStreamOptions
                       {
                           Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
                           UnixCreateMode = entry.Mode,
                       }))
                    entry.DataStream?.CopyTo(output, 1 << 20);
                // The process umask may have narrowed the mode given at creation; packages keep theirs exactly.
                if ((entry.Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                    File.SetUnixFileMode(target, entry.Mode);
                break;
            default:
                // Devices, FIFOs and the like have no place in a package; skip them like conda does.
                return;
        }
    }

    private static string CheckedName(string archivePath, string raw)
    {
        var name = Normalise(raw);
        if (raw.StartsWith('/') || Path.IsPathRooted(name))
            throw Unsafe(archivePath, raw, PackagingErrorCodes.UnsafeEntryPath, "has an absolute path");
        if (name.Split('/').Contains(".."))
            throw Unsafe(archivePath, raw, PackagingErrorCodes.UnsafeEntryPath, "has a '..' component");
        return name;
    }

    /// <summary>
    /// Walks <paramref name="relative"/> from <paramref name="root"/> component by component, replacing each
    /// symlink met on disk by its target, and says whether the walk ever climbs above the root.
    /// </summary>
    internal static bool StaysInside(string root, string relative, bool followLast)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>(relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count == 0) return false;
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(part);
            if (!followLast && pending.Count == 0) break;
            var onDisk = new FileInfo(Path.Combine(root, Path.Combine([.. resolved])));
            if (onDisk.LinkTarget is not { } target) continue;
            if (++hops > MaxLinkHops || target.StartsWith('/')) return false;
            resolved.RemoveAt(resolved.Count - 1);
            foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(t);
        }
        return true;
    }

    private static CondaRecipesException Unsafe(string archivePath, string entry, string code, string what) =>
        new(code, $"The package '{archivePath}' entry '{entry}' {what}; nothing was extracted.", archivePath,
            hint: "Do not install this package: it was built wrongly or tampered with.");
}
