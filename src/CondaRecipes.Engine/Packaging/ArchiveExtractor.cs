using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging.Safety;

namespace CondaRecipes.Packaging;

/// <summary>
/// Extraction of a whole package: into a temporary sibling through <see cref="SafeTreeWriter"/> (which
/// refuses any entry that would land or point outside it), then renamed into place, so a rejected package
/// leaves nothing behind.
/// </summary>
internal static class ArchiveExtractor
{
    internal static void Extract(string archivePath, string destinationDir, bool overwrite)
    {
        destinationDir = Path.GetFullPath(destinationDir).TrimEnd('/');
        if (Path.Exists(destinationDir) && !overwrite)
            throw new CondaRecipesException(PackagingErrorCodes.DestinationExists,
                $"Cannot extract '{archivePath}': '{destinationDir}' already exists.", archivePath,
                hint: "Remove the directory or ask for it to be replaced.");

        var parent = Path.GetDirectoryName(destinationDir)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(destinationDir)}.{Guid.NewGuid():N}.extract");
        Directory.CreateDirectory(temp);
        try
        {
            var writer = new SafeTreeWriter(temp, new ArchiveOrigin(archivePath, archivePath, 0,
                "Do not install this package: it was built wrongly or tampered with."));
            ArchiveEntries.Read(archivePath, ArchiveComponent.All, entry =>
            {
                writer.Add(entry);
                return true;
            });
            writer.Complete();

            if (Path.Exists(destinationDir)) Directory.Delete(destinationDir, recursive: true);
            Directory.Move(temp, destinationDir);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The entry name without a leading <c>./</c> and trailing <c>/</c>.</summary>
    internal static string Normalise(string name)
    {
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name.TrimEnd('/');
    }
}
