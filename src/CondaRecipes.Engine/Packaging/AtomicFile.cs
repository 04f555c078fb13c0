using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes a file through a temporary sibling and renames it into place, so readers see either the old file
/// or the complete new one, and a failure leaves nothing behind.
/// </summary>
internal static class AtomicFile
{
    internal static void Write(string destination, Action<FileStream> write, string errorCode, string what)
    {
        destination = Path.GetFullPath(destination);
        var dir = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temp, destination, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is CondaRecipesException) throw;
            throw new CondaRecipesException(errorCode, $"Writing {what} '{destination}' failed: {e.Message}", destination,
                hint: "Nothing was written. Fix the cause (disk space, permissions, files changing during packaging) and build again.", inner: e);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
