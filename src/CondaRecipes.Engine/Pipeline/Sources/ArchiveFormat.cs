namespace CondaRecipes.Pipeline.Sources;

/// <summary>How a downloaded source file is unpacked, decided by its name as conda-build does.</summary>
internal enum ArchiveFormat
{
    /// <summary>Not an archive we unpack (including wheels): copied into the source folder as it is.</summary>
    PlainFile,
    Tar,
    TarGz,
    TarBz2,
    TarXz,
    TarZst,
    Zip,
}

internal static class ArchiveFormats
{
    private static readonly (string Suffix, ArchiveFormat Format)[] Suffixes =
    [
        (".tar.gz", ArchiveFormat.TarGz), (".tgz", ArchiveFormat.TarGz),
        (".tar.bz2", ArchiveFormat.TarBz2), (".tbz2", ArchiveFormat.TarBz2), (".tbz", ArchiveFormat.TarBz2),
        (".tar.xz", ArchiveFormat.TarXz), (".txz", ArchiveFormat.TarXz),
        (".tar.zst", ArchiveFormat.TarZst), (".tzst", ArchiveFormat.TarZst),
        (".tar", ArchiveFormat.Tar),
        (".zip", ArchiveFormat.Zip),
    ];

    /// <summary>The format of <paramref name="fileName"/>. A <c>.whl</c> is a zip, but recipes that
    /// repackage wheels run <c>pip install the.whl</c>, so it stays a file.</summary>
    public static ArchiveFormat Detect(string fileName)
    {
        var lower = fileName.ToLowerInvariant();
        foreach (var (suffix, format) in Suffixes)
            if (lower.EndsWith(suffix, StringComparison.Ordinal)) return format;
        return ArchiveFormat.PlainFile;
    }
}
