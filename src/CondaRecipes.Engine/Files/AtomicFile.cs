using System.Text;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Files;

/// <summary>
/// The engine's one atomic writer: a temporary sibling in the destination's own directory (so the rename
/// stays on one file system and is atomic), written completely, optionally flushed to disk, then renamed
/// over the destination. Readers (a concurrent build, conda reading a channel) see the old file or the
/// whole new one, and a failure leaves nothing behind. <c>durable</c> fsyncs the data before the rename:
/// asked for where a crash must not leave a renamed but empty file (packages published to a channel,
/// repodata); work files, stamps and caches are rebuilt when lost, so they skip the cost.
/// </summary>
public static class AtomicFile
{
    /// <summary>A fresh temporary name next to <paramref name="destination"/>, hidden and unique.</summary>
    public static string TemporarySibling(string destination)
    {
        destination = Path.GetFullPath(destination);
        return Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Writes through <paramref name="write"/>; <paramref name="mode"/> (e.g. the replaced file's) is
    /// set before the rename, so the destination never exists with other permissions.</summary>
    public static void Write(string destination, Action<FileStream> write, bool durable = false, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var temp = TemporarySibling(destination);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                if (durable) stream.Flush(flushToDisk: true);
            }
            Commit(temp, destination, mode);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    public static void WriteAllText(string destination, string text, bool durable = false, UnixFileMode? mode = null) =>
        Write(destination, s => s.Write(new UTF8Encoding(false).GetBytes(text)), durable, mode);

    public static void WriteAllBytes(string destination, byte[] bytes, bool durable = false, UnixFileMode? mode = null) =>
        Write(destination, s => s.Write(bytes), durable, mode);

    /// <summary>As <see cref="Write(string, Action{FileStream}, bool, UnixFileMode?)"/>, with any failure
    /// turned into the caller's coded error.</summary>
    public static void Write(string destination, Action<FileStream> write, string errorCode, string what, bool durable = false)
    {
        destination = Path.GetFullPath(destination);
        try
        {
            Write(destination, write, durable);
        }
        catch (Exception e) when (e is not CondaRecipesException)
        {
            throw new CondaRecipesException(errorCode, $"Writing {what} '{destination}' failed: {e.Message}", destination,
                hint: "Nothing was written. Fix the cause (disk space, permissions, files changing during packaging) and build again.", inner: e);
        }
    }

    /// <summary>Renames a complete temporary file (from <see cref="TemporarySibling"/>, e.g. a finished
    /// download) over <paramref name="destination"/>; on failure the temporary file is deleted.</summary>
    public static void Commit(string temp, string destination, UnixFileMode? mode = null)
    {
        try
        {
            if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
            File.Move(temp, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
