using CondaRecipes.Packaging;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// Extracted packages, each extracted once and shared by every prefix that installs it
/// (<c>&lt;cache&gt;/&lt;name-version-build&gt;-&lt;sha256 prefix&gt;/</c>). A package rebuilt with the same name
/// gets a new folder because its hash differs.
/// </summary>
public sealed class PackageCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The extracted folder of <paramref name="archive"/>, extracting it the first time.</summary>
    public string Extracted(string archive)
    {
        var name = Path.GetFileName(archive);
        var stem = name.EndsWith(".conda", StringComparison.Ordinal) ? name[..^6] : name.EndsWith(".tar.bz2", StringComparison.Ordinal) ? name[..^8] : name;
        var hash = FileHasher.Sha256(archive)[..16];
        var dir = Path.Combine(Root, $"{stem}-{hash}");
        if (File.Exists(Path.Combine(dir, "info", "index.json")))
            return dir;
        Directory.CreateDirectory(Root);
        // The reader extracts into a temporary folder and renames it into place; a concurrent extraction
        // of the same archive produces the same content, so losing that race is harmless.
        PackageArchiveReader.Extract(archive, dir, overwrite: true);
        return dir;
    }
}
