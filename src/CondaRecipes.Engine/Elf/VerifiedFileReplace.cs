using CondaRecipes.Files;

namespace CondaRecipes.Elf;

/// <summary>
/// Replaces a file only with content that has been written completely and checked: a temp file next to
/// it (same file system, so the rename is atomic) takes the original's permission bits, then is renamed
/// over it. On any failure the temp file is deleted and the original is untouched.
/// </summary>
internal static class VerifiedFileReplace
{
    /// <summary>Copies <paramref name="path"/> to a temp file, lets <paramref name="edit"/> change it and
    /// check the result (it returns null when good, else the failure), then renames it over the original.</summary>
    public static string? EditCopyAndReplace(string path, Func<string, string?> edit)
    {
        var temp = AtomicFile.TemporarySibling(path);
        try
        {
            File.Copy(path, temp);
            var failure = edit(temp);
            if (failure is not null) return failure;
            AtomicFile.Commit(temp, path, OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
        }
    }
}
