using CondaRecipes.Channels.Index;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Publishing;

/// <summary>One archive to publish: its file and the channel subdir it goes to.</summary>
public sealed record PublishItem(string Archive, string Subdir);

/// <summary>
/// Puts archives into a local channel and indexes it as one step under <see cref="ChannelLock"/>
/// (docs/channels.md, "Consistency"): leftovers of killed writers are removed, each archive is copied to a
/// staging folder in its subdir and read there (its repodata record: size, md5, sha256), and only then are the
/// archives renamed into place and the index written at once. The window in which a file on disk and repodata
/// disagree is thus two renames long instead of a copy, a hash and a lock wait; a kill inside it is repaired by the
/// next lock holder, whose index compares every archive with its cache and re-reads what differs.
/// </summary>
public sealed class ChannelPublisher(string channelDir)
{
    public string ChannelDir { get; } = Path.GetFullPath(channelDir);

    /// <summary>How long to wait for another writer's lock before failing with CR5901.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Called at each step with its name (<c>locked</c>, <c>staging:&lt;file&gt;</c>, <c>renamed:&lt;file&gt;</c>,
    /// <c>repodata:&lt;subdir&gt;</c>...): the crash tests stop the process there.</summary>
    public Action<string>? StepReached { get; init; }

    public PublishResult Publish(IReadOnlyList<PublishItem> items, IEnumerable<string>? alsoIndex = null)
    {
        var indexer = new ChannelIndexer(ChannelDir);
        // Before anything is written: a subdir such as ../x must not place a file outside the channel.
        var subdirs = items.Select(i => i.Subdir).Concat(alsoIndex ?? []).Append("noarch").Distinct().Select(indexer.CheckSubdir).ToList();
        using var _ = ChannelLock.Acquire(ChannelDir, LockTimeout);
        StepReached?.Invoke("locked");
        var leftovers = ChannelLeftovers.RemoveLocked(ChannelDir);
        StepReached?.Invoke("leftovers");

        var staged = new List<(string Temp, string Target)>();
        var known = new Dictionary<string, IndexedPackage>(StringComparer.Ordinal);
        try
        {
            foreach (var item in items)
            {
                var target = Path.Combine(ChannelDir, item.Subdir, Path.GetFileName(item.Archive));
                var temp = Stage(item.Archive, target);
                staged.Add((temp, target));
                // Read before the rename: an archive damaged on the way never enters the channel (CR5902).
                known[target] = ReadStaged(item.Archive, temp);
                StepReached?.Invoke($"staged:{Path.GetFileName(target)}");
            }
            foreach (var (temp, target) in staged)
            {
                // A rename keeps the mtime the record was read with, so the index takes it as it is.
                File.Move(temp, target, overwrite: true);
                DeleteStaged(temp);
                StepReached?.Invoke($"renamed:{Path.GetFileName(target)}");
            }
            var index = indexer.IndexLocked(subdirs, known, StepReached);
            return new PublishResult(staged.Select(s => s.Target).ToList(), index, leftovers);
        }
        finally
        {
            foreach (var (temp, _) in staged) DeleteStaged(temp);
        }
    }

    private static IndexedPackage ReadStaged(string archive, string staged)
    {
        try
        {
            return IndexedPackage.Read(staged);
        }
        catch (CondaRecipesException e) when (e.Code == IndexErrorCodes.PackageUnreadable)
        {
            throw new CondaRecipesException(IndexErrorCodes.PackageUnreadable,
                $"Cannot publish '{archive}': {e.InnerException?.Message ?? e.Message}", archive,
                hint: "Nothing was published; the channel is unchanged. Build the package again.", inner: e);
        }
    }

    private static void DeleteStaged(string temp)
    {
        var folder = Path.GetDirectoryName(temp)!;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Copies <paramref name="archive"/> under its own name into a fresh staging folder beside
    /// <paramref name="target"/> (<see cref="ChannelLeftovers.StagingFolder"/>; the name matters, since the package's
    /// members are named after it), flushed to disk; returns the staged path.</summary>
    private string Stage(string archive, string target)
    {
        var temp = Path.Combine(ChannelLeftovers.StagingFolder(Path.GetDirectoryName(target)!), Path.GetFileName(target));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            using var input = File.OpenRead(archive);
            using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var half = input.Length / 2;
            var buffer = new byte[1 << 20];
            var announced = StepReached is null;
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
                if (!announced && output.Position >= half)
                {
                    announced = true;
                    output.Flush();
                    StepReached!.Invoke($"staging:{Path.GetFileName(target)}");
                }
            }
            output.Flush(flushToDisk: true);
            return temp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteStaged(temp);
            throw new CondaRecipesException(IndexErrorCodes.PublishCopyFailed,
                $"Copying '{archive}' into the channel as '{target}' failed: {e.Message}", target,
                hint: "The channel is unchanged. Fix the cause (disk space, permissions) and build again.", inner: e);
        }
    }
}
