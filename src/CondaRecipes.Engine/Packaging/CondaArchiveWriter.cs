using System.IO.Compression;
using System.Text;
using ZstdSharp;
using ZstdSharp.Unsafe;
using CondaRecipes.Files;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes a <c>.conda</c> (format v2): an uncompressed zip with exactly <c>metadata.json</c>,
/// <c>pkg-&lt;stem&gt;.tar.zst</c> and <c>info-&lt;stem&gt;.tar.zst</c>, in that order, with fixed timestamps.
/// Each tar.zst is a single zstd frame carrying its content size: conda's reader
/// (conda-package-streaming) uses python-zstandard's <c>stream_reader</c>, which stops at the end of the
/// first frame, so the speed comes from zstd's own worker threads (ZSTDMT, one frame) rather than from
/// concatenating independently compressed frames.
/// </summary>
public static class CondaArchiveWriter
{
    /// <summary>The zip entry timestamp: the earliest a zip can hold, independent of when the package was built.</summary>
    private static readonly DateTimeOffset ZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Archives <paramref name="packageRoot"/> (which must already hold <c>info/</c>) as
    /// <paramref name="destinationPath"/> (<c>name-version-build.conda</c>), atomically.
    /// </summary>
    public static void Write(string packageRoot, string destinationPath, ArchiveWriteOptions? options = null)
    {
        options ??= new ArchiveWriteOptions();
        var stem = StemOf(destinationPath);
        var entries = PackageTree.List(packageRoot);
        var info = entries.Where(e => e.IsInfo).ToList();
        var pkg = entries.Where(e => !e.IsInfo).ToList();

        AtomicFile.Write(destinationPath, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            var metadata = zip.CreateEntry("metadata.json", CompressionLevel.NoCompression);
            metadata.LastWriteTime = ZipTime;
            using (var s = metadata.Open()) s.Write(Encoding.UTF8.GetBytes("{\"conda_pkg_format_version\": 2}"));
            WriteComponent(zip, $"pkg-{stem}.tar.zst", pkg, options);
            WriteComponent(zip, $"info-{stem}.tar.zst", info, options);
        }, PackagingErrorCodes.ArchiveWriteFailed, "the package");
    }

    private static void WriteComponent(ZipArchive zip, string name, IReadOnlyList<TreeEntry> entries, ArchiveWriteOptions options)
    {
        var tarSize = DeterministicTar.Size(entries, options.EntryTime);
        var zipEntry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        zipEntry.LastWriteTime = ZipTime;
        using var target = zipEntry.Open();
        using var zstd = new CompressionStream(target, options.ZstdLevel, 1 << 20, leaveOpen: true);
        if (options.ZstdThreads > 0) zstd.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, options.ZstdThreads);
        if (options.ZstdThreads > 1 && options.ZstdOverlapLog > 0)
            zstd.SetParameter(ZSTD_cParameter.ZSTD_c_overlapLog, options.ZstdOverlapLog);
        zstd.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 1);
        zstd.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        zstd.SetPledgedSrcSize((ulong)tarSize);
        DeterministicTar.Write(zstd, entries, options.EntryTime, options.EntryWritten);
    }

    /// <summary><c>name-version-build</c> from a <c>.conda</c> or <c>.tar.bz2</c> path.</summary>
    internal static string StemOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var ext in new[] { ".conda", ".tar.bz2" })
            if (name.EndsWith(ext, StringComparison.Ordinal)) return name[..^ext.Length];
        throw new Diagnostics.CondaRecipesException(PackagingErrorCodes.UnsupportedArchiveFormat,
            $"'{name}' is neither a .conda nor a .tar.bz2 file name.", path,
            hint: "Name the package name-version-build.conda or name-version-build.tar.bz2.");
    }
}
