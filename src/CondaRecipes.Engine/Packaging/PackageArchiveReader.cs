using System.Text.Json.Nodes;

namespace CondaRecipes.Packaging;

/// <summary>Reads metadata from, and extracts, <c>.conda</c> and <c>.tar.bz2</c> packages.</summary>
public static class PackageArchiveReader
{
    /// <summary>
    /// The contents of the <c>info/</c> files accepted by <paramref name="select"/> (all when null), keyed by
    /// their path in the package (<c>info/index.json</c>). For <c>.conda</c> only the info member is read.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> ReadInfoFiles(string archivePath, Func<string, bool>? select = null)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ArchiveEntries.Read(archivePath, ArchiveComponent.Info, entry =>
        {
            var name = ArchiveExtractor.Normalise(entry.Name);
            if (entry.DataStream is not null && name.StartsWith("info/", StringComparison.Ordinal) && (select is null || select(name)))
            {
                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                files[name] = buffer.ToArray();
            }
            return true;
        });
        return files;
    }

    /// <summary><c>info/index.json</c> of the package as a JSON object.</summary>
    public static JsonObject ReadIndexJson(string archivePath)
    {
        var files = ReadInfoFiles(archivePath, name => name == "info/index.json");
        return ReadIndexJson(files, archivePath);
    }

    /// <summary><c>info/index.json</c> from files already read with <see cref="ReadInfoFiles"/>.</summary>
    public static JsonObject ReadIndexJson(IReadOnlyDictionary<string, byte[]> files, string archivePath)
    {
        if (!files.TryGetValue("info/index.json", out var bytes)) throw ArchiveEntries.Missing(archivePath, "info/index.json");
        try
        {
            return JsonNode.Parse(bytes) as JsonObject ?? throw ArchiveEntries.Missing(archivePath, "info/index.json (an object)");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Diagnostics.CondaRecipesException(PackagingErrorCodes.ArchiveUnreadable,
                $"The package '{archivePath}' has an invalid info/index.json: {e.Message}", archivePath,
                hint: "Rebuild the package.", inner: e);
        }
    }

    /// <summary>
    /// Extracts the whole package into <paramref name="destinationDir"/>: into a temporary sibling first,
    /// renamed into place when every entry was safe and written. Rejects absolute paths, <c>..</c> components
    /// and links that point outside the destination (CR4007/CR4008).
    /// </summary>
    public static void Extract(string archivePath, string destinationDir, bool overwrite = false) =>
        ArchiveExtractor.Extract(archivePath, destinationDir, overwrite);
}
