namespace CondaRecipes.Packaging;

/// <summary>The two conda archive formats.</summary>
public enum PackageFormat
{
    /// <summary><c>.conda</c> (v2), conda-build's default since 25.1.</summary>
    Conda,
    /// <summary><c>.tar.bz2</c> (v1), for old clients.</summary>
    TarBz2,
}

/// <summary>Where a package went and what it holds.</summary>
public sealed record PackageWriteResult(string ArchivePath, IReadOnlyList<PathEntry> Paths);

/// <summary>
/// The packaging step of the pipeline in one call: write <c>info/</c> into the package root, then the archive
/// into <c>&lt;channel&gt;/&lt;subdir&gt;/&lt;name&gt;-&lt;version&gt;-&lt;build&gt;.&lt;ext&gt;</c> (atomically).
/// Indexing the channel is a separate step (<see cref="Channels.Index.ChannelIndexer"/>).
/// </summary>
public static class PackageWriter
{
    public static PackageWriteResult Write(string packageRoot, PackageMetadata metadata, string? prefix, string channelDir,
        PackageFormat format = PackageFormat.Conda, ArchiveWriteOptions? options = null)
    {
        var paths = InfoWriter.Write(packageRoot, metadata, prefix);
        var extension = format == PackageFormat.Conda ? ".conda" : ".tar.bz2";
        var archive = Path.Combine(Path.GetFullPath(channelDir), metadata.EffectiveSubdir, metadata.FileStem + extension);
        if (format == PackageFormat.Conda) CondaArchiveWriter.Write(packageRoot, archive, options);
        else TarBz2ArchiveWriter.Write(packageRoot, archive, options);
        return new PackageWriteResult(archive, paths);
    }
}
