using System.Formats.Tar;
using System.IO.Compression;
using CondaRecipes.Packaging.Safety;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Unpacks a tar (plain, gzip, bzip2, xz, zstd) or zip archive into a directory through
/// <see cref="SafeTreeWriter"/>. gzip, bzip2 (SharpZipLib) and zstd (ZstdSharp) are decoded in process;
/// .NET has no xz decoder and no xz package is referenced, so xz goes through the <c>xz</c> program into
/// a temporary .tar first.
/// </summary>
internal static class ArchiveExtractor
{
    public static async Task ExtractAsync(RecipeSource spec, string archive, string displayName,
        ArchiveFormat format, string destination, CancellationToken ct)
    {
        var writer = new SafeTreeWriter(destination,
            new ArchiveOrigin(displayName, spec.RecipeFile, spec.Line,
                "The archive tries to write or link outside the source directory; use a trusted archive."),
            // A source tree stays writable by its owner (patches and builds edit it); its dates are the archive's.
            new SafeTreeWriter.Options(UnixFileMode.UserRead | UnixFileMode.UserWrite, KeepModificationTimes: true));
        try
        {
            switch (format)
            {
                case ArchiveFormat.Zip:
                    ExtractZip(archive, writer, ct);
                    break;
                case ArchiveFormat.TarXz:
                    await ExtractTarXzAsync(spec, archive, displayName, writer, ct);
                    break;
                default:
                    await using (var stream = OpenTar(archive, format))
                        ExtractTar(stream, writer, ct);
                    break;
            }
            writer.Complete();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException
                                      or ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdException)
        {
            throw SourceErrors.Unreadable(spec, displayName, e.Message, e);
        }
    }

    private static Stream OpenTar(string archive, ArchiveFormat format)
    {
        var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return format switch
        {
            ArchiveFormat.Tar => file,
            ArchiveFormat.TarGz => new GZipStream(file, CompressionMode.Decompress),
            ArchiveFormat.TarBz2 => new BZip2InputStream(file),
            ArchiveFormat.TarZst => new DecompressionStream(file),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    private static void ExtractTar(Stream stream, SafeTreeWriter writer, CancellationToken ct)
    {
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            ct.ThrowIfCancellationRequested();
            writer.Add(entry);
        }
    }

    private static async Task ExtractTarXzAsync(RecipeSource spec, string archive, string displayName,
        SafeTreeWriter writer, CancellationToken ct)
    {
        var tar = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"condarecipes-{Guid.NewGuid():N}.tar");
        try
        {
            var result = await ExternalTool.RunAsync(spec, "xz", ["--decompress", "--stdout", "--", archive],
                System.IO.Path.GetTempPath(), "decompress .tar.xz sources", ct, standardOutputFile: tar);
            if (!result.Succeeded)
                throw SourceErrors.Unreadable(spec, displayName, $"xz failed: {result.Output}");
            await using var stream = new FileStream(tar, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            ExtractTar(stream, writer, ct);
        }
        finally
        {
            File.Delete(tar);
        }
    }

    private static void ExtractZip(string archive, SafeTreeWriter writer, CancellationToken ct)
    {
        using var zip = ZipFile.OpenRead(archive);
        foreach (var entry in zip.Entries)
        {
            ct.ThrowIfCancellationRequested();
            // Zips made on Unix keep st_mode in the high 16 bits of the external attributes.
            var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            if (entry.FullName.EndsWith('/'))
            {
                writer.AddDirectory(entry.FullName);
            }
            else if ((unixMode & 0xF000) == 0xA000)
            {
                using var reader = new StreamReader(entry.Open());
                writer.AddSymlink(entry.FullName, reader.ReadToEnd());
            }
            else
            {
                using var data = entry.Open();
                var permissions = unixMode & 0x1FF;
                writer.AddFile(entry.FullName, data, permissions == 0 ? null : (UnixFileMode)permissions,
                    entry.LastWriteTime);
            }
        }
    }
}
