using CondaRecipes.Channels.Index;

namespace CondaRecipes.Channels.Publishing;

/// <summary>
/// Brings a local channel back in step after a writer was killed, for builds that publish nothing themselves
/// (every variant up to date): a look without the lock (leftover temporary files, an archive whose size or mtime
/// differs from the index cache, an archive missing, channeldata.json older than a subdir's cache) and, only
/// when something is off, an index under the lock, which removes leftovers and re-reads what differs.
/// </summary>
public static class ChannelRepair
{
    /// <summary>Repairs <paramref name="channelDir"/> when needed; returns what the repair did, or null (in step,
    /// or another writer holds the lock: its index, like every index, brings the channel in step, so a build
    /// with nothing to publish neither waits for it nor fails with CR5901).</summary>
    public static PublishResult? RepairIfNeeded(string channelDir)
    {
        channelDir = Path.GetFullPath(channelDir);
        if (!NeedsRepair(channelDir)) return null;
        try
        {
            return new ChannelPublisher(channelDir) { LockTimeout = TimeSpan.FromSeconds(1) }.Publish([]);
        }
        catch (Diagnostics.CondaRecipesException e) when (e.Code == IndexErrorCodes.LockTimeout)
        {
            return null;
        }
    }

    /// <summary>Whether the channel's files and its index may disagree (read without the lock, so a false
    /// positive during another writer's publish only costs one index).</summary>
    public static bool NeedsRepair(string channelDir)
    {
        if (!Directory.Exists(channelDir)) return false;
        if (ChannelLeftovers.Any(channelDir)) return true;
        var channelData = new FileInfo(Path.Combine(channelDir, "channeldata.json"));
        foreach (var dir in Directory.EnumerateDirectories(channelDir))
        {
            if (!ChannelIndexer.IsSubdirName(Path.GetFileName(dir))) continue;
            var cachePath = Path.Combine(dir, ".cache", "index-cache.json");
            var archives = Directory.EnumerateFiles(dir).Where(ChannelIndexer.IsArchive).ToList();
            if (!File.Exists(cachePath)) { if (archives.Count > 0) return true; continue; }
            if (!channelData.Exists || channelData.LastWriteTimeUtc < File.GetLastWriteTimeUtc(cachePath)) return true;
            var cache = ChannelIndexer.LoadCache(cachePath);
            if (cache.Count != archives.Count) return true;
            foreach (var archive in archives)
            {
                var info = new FileInfo(archive);
                if (!cache.TryGetValue(info.Name, out var hit) || hit.Size != info.Length || hit.MtimeTicks != info.LastWriteTimeUtc.Ticks)
                    return true;
            }
        }
        return false;
    }
}
