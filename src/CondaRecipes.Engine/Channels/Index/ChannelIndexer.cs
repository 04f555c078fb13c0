using System.Text.Json;
using System.Text.Json.Nodes;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Index;

/// <summary>What one <see cref="ChannelIndexer.Index"/> call did.</summary>
/// <param name="Subdirs">The subdirs whose repodata.json was written (always including <c>noarch</c>).</param>
/// <param name="ArchivesRead">Archives opened because they were new or changed; cached ones are not opened.</param>
/// <param name="PackageCount">Packages listed across all subdirs.</param>
/// <param name="SetAside">Archives that could not be read (damaged, or not packages) and were moved into
/// <c>.quarantine/&lt;subdir&gt;/</c> instead of failing the index; each with a CR5904 warning.</param>
public sealed record IndexResult(IReadOnlyList<string> Subdirs, IReadOnlyList<string> ArchivesRead, int PackageCount,
    IReadOnlyList<Diagnostic>? SetAside = null)
{
    /// <summary>The CR5904 warnings of <paramref name="SetAside"/>, never null.</summary>
    public IReadOnlyList<Diagnostic> Warnings => SetAside ?? [];
}

/// <summary>
/// Indexes a local channel: <c>&lt;subdir&gt;/repodata.json</c> and <c>current_repodata.json</c> for every
/// platform subdir and <c>noarch</c> (always written, even empty, or conda rejects the channel), and
/// <c>channeldata.json</c> (docs/channels.md). Incremental: <c>&lt;subdir&gt;/.cache/index-cache.json</c>
/// remembers each archive by name, size and mtime, so only new or changed archives are opened and removed ones
/// drop out. Safe for parallel builds: the whole read-modify-write runs under <see cref="ChannelLock"/>, and
/// every file is replaced by rename. Because every run compares every archive with the cache, an index
/// interrupted at any step (or an archive changed behind its back) is repaired by the next run. An archive that
/// cannot be read is set aside (<see cref="ChannelQuarantine"/>) with a warning rather than failing every later
/// publish.
/// </summary>
public sealed class ChannelIndexer(string channelDir)
{
    private const int CacheVersion = 1;

    public string ChannelDir { get; } = Path.GetFullPath(channelDir);

    /// <summary>How long to wait for another indexer's lock before failing with CR5901.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Indexes every subdir present plus <paramref name="subdirs"/> and <c>noarch</c>.</summary>
    public IndexResult Index(IEnumerable<string>? subdirs = null)
    {
        using var _ = ChannelLock.Acquire(ChannelDir, LockTimeout);
        return IndexLocked(subdirs, known: null, step: null);
    }

    /// <summary>The index itself; the caller holds <see cref="ChannelLock"/>.</summary>
    /// <param name="known">Records already read from archives that were just renamed into place (by full path),
    /// so they are not opened again.</param>
    /// <param name="step">Called after each file is written (the crash tests stop the process there).</param>
    internal IndexResult IndexLocked(IEnumerable<string>? subdirs, IReadOnlyDictionary<string, IndexedPackage>? known,
        Action<string>? step)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { "noarch" };
        foreach (var s in subdirs ?? []) names.Add(CheckSubdir(s));
        foreach (var dir in Directory.EnumerateDirectories(ChannelDir))
        {
            var name = Path.GetFileName(dir);
            // Only platform subdirs (linux-64, osx-arm64, noarch): broken/ and other folders are not indexed.
            if (IsSubdirName(name) && (File.Exists(Path.Combine(dir, "repodata.json")) || HasArchives(dir))) names.Add(name);
        }

        var read = new List<string>();
        var setAside = new List<Diagnostic>();
        var all = new Dictionary<string, Dictionary<string, IndexedPackage>>();
        foreach (var subdir in names)
            all[subdir] = IndexSubdir(subdir, read, setAside, known, step);

        AtomicJson.Write(Path.Combine(ChannelDir, "channeldata.json"), ChannelData.Build(all), durable: true);
        step?.Invoke("channeldata");
        return new IndexResult(names.ToList(), read, all.Sum(s => s.Value.Count), setAside);
    }

    internal static bool IsSubdirName(string name) =>
        name == "noarch" || System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]+-[a-z0-9_]+$");

    private Dictionary<string, IndexedPackage> IndexSubdir(string subdir, List<string> read, List<Diagnostic> setAside,
        IReadOnlyDictionary<string, IndexedPackage>? known, Action<string>? step)
    {
        var dir = Path.Combine(ChannelDir, subdir);
        var cacheDir = Path.Combine(dir, ".cache");
        Directory.CreateDirectory(cacheDir);
        var cachePath = Path.Combine(cacheDir, "index-cache.json");
        var cache = LoadCache(cachePath);

        var packages = new Dictionary<string, IndexedPackage>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir).Where(IsArchive).Order(StringComparer.Ordinal))
        {
            var fn = Path.GetFileName(file);
            var info = new FileInfo(file);
            if (cache.TryGetValue(fn, out var hit) && hit.Size == info.Length && hit.MtimeTicks == info.LastWriteTimeUtc.Ticks)
            {
                packages[fn] = hit;
                continue;
            }
            if (known is not null && known.TryGetValue(file, out var fresh) && fresh.Size == info.Length && fresh.MtimeTicks == info.LastWriteTimeUtc.Ticks)
            {
                packages[fn] = fresh;
                continue;
            }
            try
            {
                packages[fn] = IndexedPackage.Read(file);
                read.Add(file);
            }
            catch (CondaRecipesException e) when (e.Code == IndexErrorCodes.PackageUnreadable)
            {
                setAside.Add(ChannelQuarantine.SetAside(ChannelDir, subdir, file, e));
            }
        }

        var tarBz2 = new JsonObject();
        var conda = new JsonObject();
        foreach (var (fn, p) in packages)
            (fn.EndsWith(".conda", StringComparison.Ordinal) ? conda : tarBz2)[fn] = p.Record.DeepClone();
        AtomicJson.Write(Path.Combine(dir, "repodata.json"), Repodata(subdir, tarBz2, conda), durable: true);
        step?.Invoke($"repodata:{subdir}");

        var current = CurrentRepodata.Select(packages.ToDictionary(p => p.Key, p => p.Value.Record));
        AtomicJson.Write(Path.Combine(dir, "current_repodata.json"), Repodata(subdir,
            new JsonObject(current.Where(p => !p.Key.EndsWith(".conda", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))),
            new JsonObject(current.Where(p => p.Key.EndsWith(".conda", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone())))));
        step?.Invoke($"current_repodata:{subdir}");

        var cacheJson = new JsonObject
        {
            ["version"] = CacheVersion,
            ["packages"] = new JsonObject(packages.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.ToCacheJson()))),
        };
        AtomicJson.Write(cachePath, cacheJson, indented: false);
        step?.Invoke($"cache:{subdir}");
        return packages;
    }

    private static JsonObject Repodata(string subdir, JsonObject tarBz2, JsonObject conda) => new()
    {
        ["info"] = new JsonObject { ["subdir"] = subdir },
        ["packages"] = tarBz2,
        ["packages.conda"] = conda,
        ["removed"] = new JsonArray(),
        ["repodata_version"] = 1,
    };

    /// <summary>The cache, or empty when missing, from another version, or damaged (then everything is re-read).</summary>
    internal static Dictionary<string, IndexedPackage> LoadCache(string path)
    {
        var result = new Dictionary<string, IndexedPackage>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        try
        {
            if (JsonNode.Parse(File.ReadAllBytes(path)) is not JsonObject root || (int?)root["version"] != CacheVersion
                || root["packages"] is not JsonObject packages) return result;
            foreach (var (fn, node) in packages)
                if (IndexedPackage.FromCacheJson(node) is { } p) result[fn] = p;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            result.Clear();
        }
        return result;
    }

    internal static bool IsArchive(string path) =>
        path.EndsWith(".conda", StringComparison.Ordinal) || path.EndsWith(".tar.bz2", StringComparison.Ordinal);

    private static bool HasArchives(string dir) => Directory.EnumerateFiles(dir).Any(IsArchive);

    internal string CheckSubdir(string subdir)
    {
        if (string.IsNullOrWhiteSpace(subdir) || subdir.Contains('/') || subdir.Contains('\\') || subdir is "." or ".." || subdir.StartsWith('.'))
            throw new CondaRecipesException(IndexErrorCodes.InvalidSubdir,
                $"'{subdir}' is not a valid channel subdir name.", ChannelDir,
                hint: "Use a platform name such as linux-64 or noarch.");
        return subdir;
    }
}
