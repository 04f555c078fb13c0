namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Copies a <c>path:</c> source into its folder: every file with its permissions and modification time,
/// symbolic links as links (not what they point at), and no <c>.git</c>, which belongs to the
/// developer's checkout, not to the build.
/// </summary>
internal static class PathSourceCopier
{
    public static string Resolve(SourceSpec spec, string recipeDir)
    {
        var path = spec.Path!.StartsWith('~')
            ? System.IO.Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), spec.Path[1..])
            : System.IO.Path.GetFullPath(spec.Path, recipeDir);
        if (!Directory.Exists(path) && !File.Exists(path)) throw SourceErrors.PathNotFound(spec, path);
        return path;
    }

    /// <param name="exclude">Directories never copied: the build's own work and staging directories, in
    /// case the path source contains them (e.g. <c>path: ..</c> with the work directory inside the project).</param>
    public static void Copy(string source, string destination, IEnumerable<string> exclude, CancellationToken ct)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(destination);
            CopyFile(source, System.IO.Path.Combine(destination, System.IO.Path.GetFileName(source)));
            return;
        }
        CopyDirectory(source, destination, exclude.Select(e => System.IO.Path.GetFullPath(e)).ToHashSet(), ct);
    }

    private static void CopyDirectory(string source, string destination, HashSet<string> exclude, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Directory.CreateDirectory(destination);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = System.IO.Path.GetFileName(entry);
            if (name == ".git" || exclude.Contains(System.IO.Path.GetFullPath(entry))) continue;
            var target = System.IO.Path.Combine(destination, name);
            var link = new FileInfo(entry).LinkTarget;
            if (link is not null)
            {
                if (File.Exists(target) || new FileInfo(target).LinkTarget is not null) File.Delete(target);
                File.CreateSymbolicLink(target, link);
            }
            else if (Directory.Exists(entry))
            {
                CopyDirectory(entry, target, exclude, ct);
            }
            else
            {
                CopyFile(entry, target);
            }
        }
    }

    private static void CopyFile(string source, string target)
    {
        File.Copy(source, target, overwrite: true);
        // Make-based builds compare times; keep the source's, not the copy's.
        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
    }
}
