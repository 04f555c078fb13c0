using System.Text;
using System.Text.Json.Nodes;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;
using CondaRecipes.Files;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// What the index keeps of one archive: its repodata record and the facts channeldata.json needs. Built by
/// opening the archive once (only its info member for <c>.conda</c>); cached afterwards by file name, size and mtime.
/// </summary>
internal sealed record IndexedPackage(long Size, long MtimeTicks, JsonObject Record, JsonObject ChannelData)
{
    /// <summary>Keys of index.json that repodata records leave out (conda-index's list).</summary>
    private static readonly HashSet<string> DroppedKeys =
        ["arch", "platform", "has_prefix", "mtime", "ucs", "requires_features", "binstar", "target-triplet", "machine", "operatingsystem"];

    private static readonly HashSet<string> WantedInfo =
        ["info/index.json", "info/about.json", "info/run_exports.json", "info/has_prefix", "info/files"];

    internal static IndexedPackage Read(string archivePath)
    {
        try
        {
            return ReadUnchecked(archivePath);
        }
        catch (Exception e) when (e is CondaRecipesException or IOException or InvalidDataException or System.Text.Json.JsonException
                                       or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new CondaRecipesException(IndexErrorCodes.PackageUnreadable,
                $"Cannot index '{archivePath}': {e.Message}", archivePath,
                hint: "Remove or rebuild the damaged package, then index again.", inner: e);
        }
    }

    private static IndexedPackage ReadUnchecked(string archivePath)
    {
        var file = new FileInfo(archivePath);
        var info = PackageArchiveReader.ReadInfoFiles(archivePath, WantedInfo.Contains);
        var index = PackageArchiveReader.ReadIndexJson(info, archivePath);

        var record = new JsonObject();
        foreach (var (key, value) in index.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!DroppedKeys.Contains(key)) record[key] = value?.DeepClone();
        var (md5, sha256) = Checksums(archivePath);
        record["md5"] = md5;
        record["sha256"] = sha256;
        record["size"] = file.Length;

        return new IndexedPackage(file.Length, file.LastWriteTimeUtc.Ticks, Sorted(record), ChannelDataOf(index, info));
    }

    private static JsonObject ChannelDataOf(JsonObject index, IReadOnlyDictionary<string, byte[]> info)
    {
        var about = info.TryGetValue("info/about.json", out var a) ? JsonNode.Parse(a) as JsonObject : null;
        var runExports = info.TryGetValue("info/run_exports.json", out var r) ? JsonNode.Parse(r) : null;
        var hasPrefix = info.TryGetValue("info/has_prefix", out var h) ? Encoding.UTF8.GetString(h) : "";
        var files = info.TryGetValue("info/files", out var f) ? Encoding.UTF8.GetString(f).Split('\n') : [];
        var name = (string?)index["name"];

        var data = new JsonObject
        {
            ["activate.d"] = files.Any(p => p.StartsWith("etc/conda/activate.d/", StringComparison.Ordinal)),
            ["binary_prefix"] = hasPrefix.Split('\n').Any(l => l.Split(' ').ElementAtOrDefault(1) == "binary"),
            ["deactivate.d"] = files.Any(p => p.StartsWith("etc/conda/deactivate.d/", StringComparison.Ordinal)),
            ["post_link"] = files.Contains($"bin/.{name}-post-link.sh"),
            ["pre_link"] = files.Contains($"bin/.{name}-pre-link.sh"),
            ["pre_unlink"] = files.Contains($"bin/.{name}-pre-unlink.sh"),
            ["run_exports"] = runExports ?? new JsonObject(),
            ["text_prefix"] = hasPrefix.Split('\n').Any(l => l.Split(' ').ElementAtOrDefault(1) == "text"),
        };
        foreach (var key in new[] { "summary", "description", "home", "dev_url", "doc_url", "license", "license_family" })
            if (about?[key] is { } value) data[key] = value.DeepClone();
        return data;
    }

    private static (string Md5, string Sha256) Checksums(string path)
    {
        var digests = FileHasher.Compute(path, FileDigest.Md5 | FileDigest.Sha256);
        return (digests.Md5!, digests.Sha256!);
    }

    private static JsonObject Sorted(JsonObject o) =>
        new(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    internal JsonObject ToCacheJson() => new()
    {
        ["size"] = Size, ["mtime_ticks"] = MtimeTicks, ["record"] = Record.DeepClone(), ["channeldata"] = ChannelData.DeepClone(),
    };

    internal static IndexedPackage? FromCacheJson(JsonNode? node)
    {
        if (node is not JsonObject o || o["record"] is not JsonObject record || o["channeldata"] is not JsonObject data) return null;
        return new IndexedPackage((long)o["size"]!, (long)o["mtime_ticks"]!, (JsonObject)record.DeepClone(), (JsonObject)data.DeepClone());
    }
}
