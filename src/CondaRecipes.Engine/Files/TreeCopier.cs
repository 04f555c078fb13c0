namespace CondaRecipes.Files;

/// <summary>What <see cref="TreeCopier"/> leaves out and keeps.</summary>
/// <param name="Exclude">Called with each entry's full path; true leaves the entry (and all below it) out.</param>
/// <param name="KeepModificationTimes">Files keep their source's modification time (make-based builds compare them).</param>
public sealed record TreeCopyOptions(Func<string, bool>? Exclude = null, bool KeepModificationTimes = false);

/// <summary>
/// The engine's one tree copier. Its symlink rule: a symbolic link is copied as a link with the same
/// target text and is never followed. Following would copy whatever the link reaches — files outside the
/// tree (a link to the home directory or to <c>/</c>), a library twice instead of <c>libfoo.so -&gt;
/// libfoo.so.1</c>, or a loop — and the copy would no longer be the tree conda-build sees: its copies of
/// sources and prefixes keep links too. Files keep their permission bits; a copied entry replaces a file
/// or link already at the target, and directories merge.
/// </summary>
public static class TreeCopier
{
    /// <summary>Copies <paramref name="from"/> (a file, a link, or a directory with everything below it) to
    /// <paramref name="to"/>.</summary>
    public static void Copy(string from, string to, TreeCopyOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TreeCopyOptions();
        if (options.Exclude?.Invoke(Path.GetFullPath(from)) == true) return;
        if (IsRealDirectory(from))
        {
            ct.ThrowIfCancellationRequested();
            Directory.CreateDirectory(to);
            foreach (var entry in Directory.EnumerateFileSystemEntries(from))
                Copy(entry, Path.Combine(to, Path.GetFileName(entry)), options, ct);
            return;
        }
        CopyEntry(from, to, options);
    }

    /// <summary>Copies one entry: a link as a link, a file with its mode; a directory is only created (its
    /// contents are the caller's to list).</summary>
    public static void CopyEntry(string from, string to, TreeCopyOptions? options = null)
    {
        var source = new FileInfo(from);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
        if (source.LinkTarget is { } target)
        {
            DeleteFileOrLink(to);
            File.CreateSymbolicLink(to, target);
        }
        else if (Directory.Exists(from))
        {
            Directory.CreateDirectory(to);
        }
        else
        {
            DeleteFileOrLink(to); // File.Copy would write through a link at the target
            File.Copy(from, to);
            if (options?.KeepModificationTimes == true) File.SetLastWriteTimeUtc(to, source.LastWriteTimeUtc);
        }
    }

    /// <summary>A directory that is not a link to one.</summary>
    public static bool IsRealDirectory(string path) =>
        Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null;

    private static void DeleteFileOrLink(string path)
    {
        var existing = new FileInfo(path); // lstat: a file, or a link (possibly dangling)
        if (existing.Exists || existing.LinkTarget is not null) existing.Delete();
    }
}
