using System.Security.Cryptography;
using System.Text;
using CondaRecipes.Files;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// A stable hash of everything the source stage reads, for the build's up-to-date check: URLs and their
/// checksums, git URL/rev/depth, folders, the content of every patch, and for <c>path:</c> sources each
/// file's relative path, size and content hash (content rather than modification time, so a fresh
/// checkout of unchanged files is still up to date). A git branch name is hashed as written: a branch
/// that moves upstream is not noticed without fetching, as in conda-build.
/// </summary>
internal static class SourceFingerprint
{
    public static string Compute(IReadOnlyList<RecipeSource> sources, string recipeDir)
    {
        var text = new StringBuilder("condarecipes-sources-v1\n");
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            text.Append("source ").Append(i).Append('\n');
            Field(text, "folder", s.Folder);
            foreach (var url in s.Urls) Field(text, "url", url);
            Field(text, "sha256", s.Sha256?.Trim().ToLowerInvariant());
            Field(text, "md5", s.Md5?.Trim().ToLowerInvariant());
            Field(text, "sha1", s.Sha1?.Trim().ToLowerInvariant());
            Field(text, "fn", s.FileName);
            Field(text, "git_url", s.GitUrl);
            Field(text, "git_rev", s.GitRev);
            Field(text, "git_depth", s.GitDepth?.ToString());
            if (s.Path is not null)
            {
                Field(text, "path", s.Path);
                AppendTree(text, PathSourceCopier.Resolve(s, recipeDir));
            }
            foreach (var patch in s.Patches)
                // A patch shipped by a source is covered by that source's own fields.
                Field(text, "patch", PatchApplier.IsInSources(patch) ? patch : $"{patch} {HashFile(PatchApplier.Resolve(s, patch, recipeDir))}");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        // Length-prefixed so that no value can imitate the next field.
        if (value is not null) text.Append(name).Append(' ').Append(value.Length).Append(':').Append(value).Append('\n');
    }

    private static void AppendTree(StringBuilder text, string root)
    {
        if (File.Exists(root))
        {
            Field(text, "file", $"{new FileInfo(root).Length} {HashFile(root)}");
            return;
        }
        var entries = new List<(string Relative, string Line)>();
        Walk(root, "", entries);
        foreach (var (relative, line) in entries.OrderBy(e => e.Relative, StringComparer.Ordinal))
            Field(text, "entry", $"{relative} {line}");
    }

    private static void Walk(string directory, string prefix, List<(string, string)> entries)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            var name = System.IO.Path.GetFileName(entry);
            if (name == ".git") continue;
            var relative = prefix + name;
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } target) entries.Add((relative, $"link {target}"));
            else if (Directory.Exists(entry)) { entries.Add((relative, "dir")); Walk(entry, relative + "/", entries); }
            else entries.Add((relative, $"file {info.Length} {HashFile(entry)}"));
        }
    }

    private static string HashFile(string path) => FileHasher.Sha256(path);
}
