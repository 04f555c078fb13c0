using System.Formats.Tar;
using System.IO.Compression;
using CondaRecipes.Diagnostics;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;

namespace CondaRecipes.Packaging;

/// <summary>Which part of a package to stream.</summary>
internal enum ArchiveComponent { Info, All }

/// <summary>
/// Streams the tar entries of a <c>.conda</c> or <c>.tar.bz2</c>. For <c>.conda</c> and <see cref="ArchiveComponent.Info"/>
/// only the <c>info-*.tar.zst</c> member is decompressed, which is what makes indexing large packages cheap.
/// Any decoding failure becomes one coded error naming the archive.
/// </summary>
internal static class ArchiveEntries
{
    /// <summary>Calls <paramref name="visit"/> for each entry; its data stream is valid only during the call.
    /// <paramref name="visit"/> returns false to stop early.</summary>
    internal static void Read(string archivePath, ArchiveComponent component, Func<TarEntry, bool> visit)
    {
        var stem = CondaArchiveWriter.StemOf(archivePath);
        try
        {
            if (archivePath.EndsWith(".conda", StringComparison.Ordinal))
            {
                using var zip = ZipFile.OpenRead(archivePath);
                var members = component == ArchiveComponent.Info ? new[] { $"info-{stem}.tar.zst" } : [$"pkg-{stem}.tar.zst", $"info-{stem}.tar.zst"];
                foreach (var member in members)
                {
                    var entry = zip.GetEntry(member) ?? throw Missing(archivePath, member);
                    using var raw = entry.Open();
                    using var zstd = new DecompressionStream(raw);
                    if (!ReadTar(zstd, visit)) return;
                }
            }
            else
            {
                using var file = File.OpenRead(archivePath);
                using var bz2 = new BZip2InputStream(file);
                ReadTar(bz2, visit);
            }
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or IOException or FormatException
                                    or UnauthorizedAccessException or ICSharpCode.SharpZipLib.SharpZipBaseException or ArgumentException)
        {
            throw new CondaRecipesException(PackagingErrorCodes.ArchiveUnreadable,
                $"The package '{archivePath}' could not be read: {e.Message}", archivePath,
                hint: "The file is damaged or not a conda package; delete it and build or download it again.", inner: e);
        }
    }

    private static bool ReadTar(Stream stream, Func<TarEntry, bool> visit)
    {
        using var tar = new TarReader(stream, leaveOpen: true);
        while (tar.GetNextEntry(copyData: false) is { } entry)
            if (!visit(entry)) return false;
        return true;
    }

    internal static CondaRecipesException Missing(string archivePath, string member) =>
        new(PackagingErrorCodes.ArchiveMemberMissing,
            $"The package '{archivePath}' has no '{member}'.", archivePath,
            hint: "The archive is incomplete or not a conda package; rebuild it.");
}
