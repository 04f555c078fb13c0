using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging;

/// <summary>What a path in a package tree is; empty directories are kept, non-empty ones are implied.</summary>
public enum TreeEntryKind { File, Symlink, EmptyDirectory }

/// <summary>One path of a package tree: <paramref name="RelativePath"/> uses '/' and has no leading slash.</summary>
public sealed record TreeEntry(string RelativePath, string FullPath, TreeEntryKind Kind)
{
    /// <summary>True for <c>info</c> and everything under <c>info/</c>.</summary>
    public bool IsInfo => RelativePath == "info" || RelativePath.StartsWith("info/", StringComparison.Ordinal);
}

/// <summary>
/// Lists a package root deterministically: regular files, symlinks (never followed) and empty directories,
/// sorted by ordinal path so that the same tree always gives the same archive.
/// </summary>
public static class PackageTree
{
    public static IReadOnlyList<TreeEntry> List(string root)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        if (!Directory.Exists(root))
            throw new CondaRecipesException(PackagingErrorCodes.PackageRootMissing,
                $"The package root '{root}' does not exist.", root,
                hint: "Collect the package files into this directory before writing the archive.");

        var entries = new List<TreeEntry>();
        Walk(root, root, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return entries;
    }

    private static void Walk(string root, string dir, List<TreeEntry> entries)
    {
        bool empty = true;
        foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            empty = false;
            var relative = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
            if (info.LinkTarget is not null)
                entries.Add(new TreeEntry(relative, info.FullName, TreeEntryKind.Symlink));
            else if (info is DirectoryInfo)
                Walk(root, info.FullName, entries);
            else
                entries.Add(new TreeEntry(relative, info.FullName, TreeEntryKind.File));
        }
        if (empty && dir != root)
            entries.Add(new TreeEntry(Path.GetRelativePath(root, dir).Replace('\\', '/'), dir, TreeEntryKind.EmptyDirectory));
    }
}
