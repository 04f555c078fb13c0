using System.Text.Json.Nodes;
using CondaRecipes.Files;

namespace CondaRecipes.Packaging;

/// <summary>One entry of <c>info/paths.json</c> (paths_version 1).</summary>
public sealed record PathEntry
{
    public required string Path { get; init; }
    /// <summary><c>hardlink</c>, <c>softlink</c> or <c>directory</c>.</summary>
    public required string PathType { get; init; }
    /// <summary>Lowercase hex; for a softlink, of the file it points to (absent when that is not a file).</summary>
    public string? Sha256 { get; init; }
    public long? SizeInBytes { get; init; }
    public PrefixFileMode? FileMode { get; init; }
    public string? PrefixPlaceholder { get; init; }
    public bool NoLink { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["_path"] = Path, ["path_type"] = PathType };
        if (FileMode is not null) json["file_mode"] = FileMode == PrefixFileMode.Binary ? "binary" : "text";
        if (NoLink) json["no_link"] = true;
        if (PrefixPlaceholder is not null) json["prefix_placeholder"] = PrefixPlaceholder;
        if (Sha256 is not null) json["sha256"] = Sha256;
        if (SizeInBytes is not null) json["size_in_bytes"] = SizeInBytes;
        return json;
    }
}

/// <summary>Builds the paths.json entries of a package tree (everything outside <c>info/</c>).</summary>
public static class PathsScanner
{
    /// <param name="root">The package root.</param>
    /// <param name="prefix">The host prefix the files were built in (the placeholder); null to skip detection.</param>
    /// <param name="noLink">Paths conda must copy rather than link.</param>
    public static IReadOnlyList<PathEntry> Scan(string root, string? prefix, IReadOnlySet<string>? noLink = null)
    {
        var tree = PackageTree.List(root).Where(e => !e.IsInfo).ToList();
        var result = new PathEntry[tree.Count];
        // Hashing is the cost here; files are independent, so spread them over the cores.
        Parallel.For(0, tree.Count, i => result[i] = Describe(tree[i], prefix, noLink));
        return result;
    }

    private static PathEntry Describe(TreeEntry entry, string? prefix, IReadOnlySet<string>? noLink)
    {
        var isNoLink = noLink is not null && Elf.FnMatch.IsMatchAny(entry.RelativePath, noLink);
        switch (entry.Kind)
        {
            case TreeEntryKind.EmptyDirectory:
                return new PathEntry { Path = entry.RelativePath, PathType = "directory" };
            case TreeEntryKind.Symlink:
                var target = new FileInfo(entry.FullPath).ResolveLinkTarget(returnFinalTarget: true);
                return target is FileInfo { Exists: true } file
                    ? new PathEntry { Path = entry.RelativePath, PathType = "softlink", Sha256 = Sha256Of(file.FullName), SizeInBytes = file.Length, NoLink = isNoLink }
                    : new PathEntry { Path = entry.RelativePath, PathType = "softlink", NoLink = isNoLink };
            default:
                var scan = prefix is null ? null : PrefixDetector.Scan(entry.FullPath, prefix);
                var hasPrefix = scan?.ContainsPrefix == true;
                return new PathEntry
                {
                    Path = entry.RelativePath,
                    PathType = "hardlink",
                    Sha256 = Sha256Of(entry.FullPath),
                    SizeInBytes = new FileInfo(entry.FullPath).Length,
                    FileMode = hasPrefix ? scan!.Mode : null,
                    PrefixPlaceholder = hasPrefix ? prefix : null,
                    NoLink = isNoLink,
                };
        }
    }

    internal static string Sha256Of(string path) => FileHasher.Sha256(path);
}
