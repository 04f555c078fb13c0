using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CondaRecipes.Files;

namespace CondaRecipes.Channels.Reading;

/// <summary>
/// The on-disk copy of one remote repodata.json and the validators that came with it, so the next fetch
/// can be conditional (If-None-Match / If-Modified-Since) and an unreachable server can be worked around.
/// Files are named after a hash of the URL: <c>&lt;hash&gt;.json</c> and <c>&lt;hash&gt;.info.json</c>.
/// </summary>
internal sealed class RepodataCache
{
    internal sealed record Validators(string Url, string? ETag, string? LastModified, DateTimeOffset Fetched);

    public RepodataCache(string cacheDirectory, string url)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
        DataPath = Path.Combine(cacheDirectory, hash + ".json");
        InfoPath = Path.Combine(cacheDirectory, hash + ".info.json");
        Url = url;
    }

    public string Url { get; }
    public string DataPath { get; }
    public string InfoPath { get; }

    /// <summary>The validators of the cached copy, or null when there is no usable copy.</summary>
    public Validators? TryReadValidators()
    {
        if (!File.Exists(DataPath) || !File.Exists(InfoPath)) return null;
        try
        {
            var v = JsonSerializer.Deserialize<Validators>(File.ReadAllText(InfoPath));
            return v is not null && v.Url == Url ? v : null;
        }
        catch (JsonException) { return null; } // a damaged info file only costs a full download
    }

    /// <summary>Stores a fresh body (already written to <paramref name="tempBody"/>) and its validators, each by rename.</summary>
    public void Store(string tempBody, string? etag, string? lastModified)
    {
        AtomicFile.Commit(tempBody, DataPath);
        AtomicFile.WriteAllText(InfoPath, JsonSerializer.Serialize(new Validators(Url, etag, lastModified, DateTimeOffset.UtcNow)));
    }

    /// <summary>Refreshes the fetch time after a 304, keeping the validators.</summary>
    public void Touch(Validators validators)
    {
        AtomicFile.WriteAllText(InfoPath, JsonSerializer.Serialize(validators with { Fetched = DateTimeOffset.UtcNow }));
    }

    /// <summary>A new temporary file in the cache directory for a download in progress.</summary>
    public string NewTempFile() => AtomicFile.TemporarySibling(DataPath);
}
