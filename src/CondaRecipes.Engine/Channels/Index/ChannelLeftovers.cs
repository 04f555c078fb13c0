using System.Text.RegularExpressions;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// Removes what killed writers left in a channel: the temporary siblings of <see cref="Files.AtomicFile"/>
/// (<c>.name.&lt;32 hex&gt;.tmp</c>: unfinished repodata and caches, archives half-copied by older versions) in the
/// channel folder, its subdirs and their <c>.cache</c>, and the publisher's staging folders
/// (<c>&lt;subdir&gt;/.staging-&lt;32 hex&gt;/</c>: half-copied archives). Every writer of a channel writes them
/// only while it holds <see cref="ChannelLock"/>, so a caller that holds the lock knows none of them belongs to a
/// live process.
/// </summary>
public static partial class ChannelLeftovers
{
    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TemporaryName();

    [GeneratedRegex(@"^\.staging-[0-9a-f]{32}$")]
    private static partial Regex StagingName();

    /// <summary>A new staging folder's path in <paramref name="subdirDir"/> (not created).</summary>
    internal static string StagingFolder(string subdirDir) => Path.Combine(subdirDir, $".staging-{Guid.NewGuid():N}");

    /// <summary>Deletes the leftovers; returns their paths. The caller holds the channel lock.</summary>
    internal static IReadOnlyList<string> RemoveLocked(string channelDir)
    {
        var removed = new List<string>();
        var (files, stagings) = Find(channelDir, withCaches: true);
        foreach (var file in files)
        {
            try { File.Delete(file); removed.Add(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* tried again by the next run */ }
        }
        foreach (var staging in stagings)
        {
            try { Directory.Delete(staging, recursive: true); removed.Add(staging); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* tried again by the next run */ }
        }
        return removed;
    }

    /// <summary>Whether any leftover exists (read without the lock, to decide whether a repair is due).</summary>
    internal static bool Any(string channelDir)
    {
        var (files, stagings) = Find(channelDir, withCaches: false);
        return files.Count > 0 || stagings.Count > 0;
    }

    private static (List<string> Files, List<string> Stagings) Find(string channelDir, bool withCaches)
    {
        var files = new List<string>();
        var stagings = new List<string>();
        if (!Directory.Exists(channelDir)) return (files, stagings);
        var subdirs = Directory.EnumerateDirectories(channelDir).Where(d => ChannelIndexer.IsSubdirName(Path.GetFileName(d))).ToList();
        var folders = new List<string> { channelDir };
        folders.AddRange(subdirs);
        if (withCaches) folders.AddRange(subdirs.Select(d => Path.Combine(d, ".cache")).Where(Directory.Exists));
        foreach (var folder in folders)
            files.AddRange(Directory.EnumerateFiles(folder).Where(f => TemporaryName().IsMatch(Path.GetFileName(f))));
        foreach (var subdir in subdirs)
            stagings.AddRange(Directory.EnumerateDirectories(subdir).Where(d => StagingName().IsMatch(Path.GetFileName(d))));
        return (files, stagings);
    }
}
