using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Moves an unpacked or cloned tree into its source folder. Several sources may share a folder (the work
/// directory root when none is given), so directories merge and a later source's file replaces an
/// earlier one's, as conda-build's copies do. Moves are renames within one file system.
/// </summary>
internal static class TreeMover
{
    /// <summary>Moves what <paramref name="extracted"/> holds into <paramref name="destination"/>; when it
    /// holds a single directory (the usual <c>name-1.0/</c> of a tarball) that directory's contents are
    /// moved instead, so the project's files sit at the source root.</summary>
    public static void MoveHoisted(string extracted, string destination)
    {
        var entries = Directory.GetFileSystemEntries(extracted);
        var root = entries.Length == 1 && TreeCopier.IsRealDirectory(entries[0]) ? entries[0] : extracted;
        MoveContents(root, destination);
    }

    public static void MoveContents(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var source in Directory.GetFileSystemEntries(from))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetFileName(source));
            if (TreeCopier.IsRealDirectory(source))
            {
                if (TreeCopier.IsRealDirectory(target))
                {
                    MoveContents(source, target);
                    Directory.Delete(source);
                    continue;
                }
                DeleteEntry(target);
                Directory.Move(source, target);
            }
            else
            {
                DeleteEntry(target);
                // rename(2) moves a symbolic link itself, never what it points at.
                File.Move(source, target);
            }
        }
    }

    private static void DeleteEntry(string path)
    {
        var info = new FileInfo(path);
        if (TreeCopier.IsRealDirectory(path)) Directory.Delete(path, recursive: true);
        else if (info.Exists || info.LinkTarget is not null) info.Delete();
    }
}
