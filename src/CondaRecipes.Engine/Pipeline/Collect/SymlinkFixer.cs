namespace CondaRecipes.Pipeline.Collect;

/// <summary>
/// conda-build's rule for symlinks a build installs: one whose target resolves inside the prefix but is
/// written as an absolute path (e.g. <c>ln -s $PREFIX/lib/libz.so.1 $PREFIX/lib/libz.so</c>) is rewritten
/// relative to its folder, since the absolute path would point into the build's prefix after install.
/// Links already written relative (starting with <c>.</c>) and links to system paths are left alone.
/// </summary>
public static class SymlinkFixer
{
    /// <returns>The relative paths of the links rewritten.</returns>
    public static IReadOnlyList<string> MakeRelative(string prefix, IEnumerable<string> files)
    {
        var fixedLinks = new List<string>();
        string realPrefix = RealPath(prefix);
        foreach (var rel in files)
        {
            var path = Path.Combine(realPrefix, rel);
            var info = new FileInfo(path);
            if (info.LinkTarget is not { } link || link.StartsWith('.')) continue;
            var real = RealPath(Path.GetFullPath(link, Path.GetDirectoryName(path)!));
            if (!real.StartsWith(realPrefix + "/", StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(Path.GetDirectoryName(path)!, real);
            if (relative == link) continue;
            File.Delete(path);
            File.CreateSymbolicLink(path, relative);
            fixedLinks.Add(rel);
        }
        return fixedLinks;
    }

    // os.path.realpath: every link along the path resolved (a target that does not exist stays as written).
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (int hops = 0; hops < 40 && new FileInfo(current).LinkTarget is { } target; hops++)
                current = Path.GetFullPath(target, Path.GetDirectoryName(current)!);
        }
        return current;
    }
}
