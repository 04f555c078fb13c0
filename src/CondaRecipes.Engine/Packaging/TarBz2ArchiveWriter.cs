using ICSharpCode.SharpZipLib.BZip2;
using CondaRecipes.Files;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes a <c>.tar.bz2</c> (format v1): one tar of the whole package, <c>info/</c> entries first (so a
/// reader can stop early, as conda-package-handling arranges it), bzip2-compressed, atomically.
/// </summary>
public static class TarBz2ArchiveWriter
{
    public static void Write(string packageRoot, string destinationPath, ArchiveWriteOptions? options = null)
    {
        options ??= new ArchiveWriteOptions();
        CondaArchiveWriter.StemOf(destinationPath); // validates the extension
        var entries = PackageTree.List(packageRoot);
        var ordered = entries.Where(e => e.IsInfo).Concat(entries.Where(e => !e.IsInfo)).ToList();

        AtomicFile.Write(destinationPath, file =>
        {
            using var bz2 = new BZip2OutputStream(file, 9) { IsStreamOwner = false };
            DeterministicTar.Write(bz2, ordered, options.EntryTime, options.EntryWritten);
        }, PackagingErrorCodes.ArchiveWriteFailed, "the package");
    }
}
