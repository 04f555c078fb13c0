using CondaRecipes.Packaging;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// Extracted packages, each extracted once and shared by every prefix that installs it
/// (<c>&lt;cache&gt;/&lt;name-version-build&gt;-&lt;sha256 prefix&gt;/</c>). A package rebuilt with the same name
/// gets a new folder because its hash differs. Each entry has a lease file beside it
/// (<c>&lt;entry&gt;.use</c>): a user holds a shared lock on it while it reads the entry, and its mtime is the
/// entry's last use, which is what <see cref="PackageCachePruner"/> orders and protects entries by.
/// </summary>
public sealed class PackageCache(string root)
{
    /// <summary>The extracted-package cache inside the SDK's cache folder (CondaCacheDir).</summary>
    public static string RootIn(string cacheDir) => Path.Combine(cacheDir, "pkgs");

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Leases the extracted folder of <paramref name="archive"/> (extracting it the first time): until the
    /// lease is disposed no prune removes it.</summary>
    public PackageCacheLease Use(string archive)
    {
        var name = Path.GetFileName(archive);
        var stem = name.EndsWith(".conda", StringComparison.Ordinal) ? name[..^6] : name.EndsWith(".tar.bz2", StringComparison.Ordinal) ? name[..^8] : name;
        var hash = FileHasher.Sha256(archive)[..16];
        var dir = Path.Combine(Root, $"{stem}-{hash}");
        Directory.CreateDirectory(Root);
        // The lease comes first: a prune holds the lock exclusively while it removes the entry, so once the lease is
        // held the folder is either complete and stays, or absent and extracted here.
        var lease = PackageCacheLease.Acquire(dir);
        try
        {
            if (!File.Exists(Path.Combine(dir, "info", "index.json")))
            {
                // The reader extracts into a temporary folder and renames it into place; a concurrent extraction
                // of the same archive produces the same content, so losing that race is harmless.
                PackageArchiveReader.Extract(archive, dir, overwrite: true);
                PackageCacheLease.RecordSize(dir);
            }
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
