using System.Text.Json;
using CondaRecipes.Files;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// The download cache shared by every variant and every project on the machine (or cluster file system):
/// <code>
/// &lt;root&gt;/sha256/&lt;sha256&gt;/&lt;file name&gt;   the content, named by its own SHA-256
/// &lt;root&gt;/urls/&lt;sha256 of URL&gt;.json          URL → SHA-256, for recipes that give only md5/sha1 or none
/// &lt;root&gt;/locks/…, &lt;root&gt;/tmp/…                  per-entry locks, downloads in progress
/// </code>
/// A download goes to a temporary file, is verified, then renamed into place, so a reader never sees a
/// partial or unverified file; the per-entry lock keeps parallel variants from downloading it twice.
/// </summary>
internal sealed class SourceCache(string root, UrlDownloader downloader)
{
    private sealed record UrlIndexEntry(string Url, string Sha256);

    /// <summary>Returns the path of the cached file for <paramref name="spec"/>, downloading it first
    /// unless a verified copy is already cached (then no network is used).</summary>
    public async Task<string> GetAsync(RecipeSource spec, IReadOnlyList<Uri> urls, string fileName,
        Action<string> log, CancellationToken ct)
    {
        var expected = ExpectedChecksums.From(spec);
        if (!expected.Any)
            log($"warning: no sha256/md5/sha1 for {urls[0]}; the cache is keyed by URL and nothing is verified");

        var lockKey = expected.Sha256 ?? FileChecksums.Sha256OfText(urls[0].AbsoluteUri);
        using var entryLock = await CacheLock.AcquireAsync(
            System.IO.Path.Combine(root, "locks", lockKey + ".lock"), log, ct);

        var cached = await FindVerifiedAsync(expected, urls, log, ct);
        if (cached is not null)
        {
            log($"using cached {cached}");
            return cached;
        }
        return await DownloadAsync(spec, expected, urls, fileName, log, ct);
    }

    private async Task<string?> FindVerifiedAsync(ExpectedChecksums expected, IReadOnlyList<Uri> urls,
        Action<string> log, CancellationToken ct)
    {
        var candidates = new List<string>();
        if (expected.Sha256 is not null)
            candidates.Add(expected.Sha256);
        else
            candidates.AddRange(urls.Select(ReadUrlIndex).OfType<string>());

        foreach (var sha256 in candidates.Distinct())
        {
            var file = ContentFile(sha256);
            if (file is null) continue;
            // Verify again: a cache on a shared file system can be damaged or edited by hand, and
            // md5/sha1-only recipes must match the content the URL index points at.
            var actual = await FileChecksums.ComputeAsync(file, ct);
            if (actual.Sha256 != sha256)
            {
                log($"warning: cached {file} is damaged; downloading it again");
                File.Delete(file);
                continue;
            }
            if (expected.FindMismatch(actual) is null) return file;
        }
        return null;
    }

    private async Task<string> DownloadAsync(RecipeSource spec, ExpectedChecksums expected,
        IReadOnlyList<Uri> urls, string fileName, Action<string> log, CancellationToken ct)
    {
        var tmpDir = Directory.CreateDirectory(System.IO.Path.Combine(root, "tmp")).FullName;
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var tmp = System.IO.Path.Combine(tmpDir, $"{Guid.NewGuid():N}.part");
            try
            {
                log($"downloading {url}");
                try
                {
                    await downloader.DownloadAsync(url, tmp, ct);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException
                                              or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    failures.Add($"{url}: {e.Message}");
                    log($"warning: {url}: {e.Message}");
                    continue;
                }

                var actual = await FileChecksums.ComputeAsync(tmp, ct);
                if (expected.FindMismatch(actual) is { } mismatch)
                    throw SourceErrors.ChecksumMismatch(spec, url.ToString(), mismatch.Algorithm,
                        mismatch.Expected, mismatch.Actual);

                var entryDir = Directory.CreateDirectory(
                    System.IO.Path.Combine(root, "sha256", actual.Sha256)).FullName;
                var destination = ContentFile(actual.Sha256) ?? System.IO.Path.Combine(entryDir, fileName);
                // rename(2) is atomic; an identical file put there by another process is simply replaced.
                AtomicFile.Commit(tmp, destination);
                WriteUrlIndex(url, actual.Sha256);
                return destination;
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
        }
        throw SourceErrors.Error(spec, SourceErrorCodes.DownloadFailed,
            $"Could not download the source from any URL: {string.Join("; ", failures)}",
            "Check the URL and the network; a source whose sha256 is in the cache needs no network.");
    }

    /// <summary>The cached file of a SHA-256 (its name is the first download's file name), or null.</summary>
    private string? ContentFile(string sha256)
    {
        var dir = System.IO.Path.Combine(root, "sha256", sha256);
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal).FirstOrDefault() : null;
    }

    private string UrlIndexFile(Uri url) =>
        System.IO.Path.Combine(root, "urls", FileChecksums.Sha256OfText(url.AbsoluteUri) + ".json");

    private string? ReadUrlIndex(Uri url)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<UrlIndexEntry>(File.ReadAllText(UrlIndexFile(url)));
            return entry is not null && entry.Url == url.AbsoluteUri ? entry.Sha256 : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private void WriteUrlIndex(Uri url, string sha256)
    {
        var file = UrlIndexFile(url);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(new UrlIndexEntry(url.AbsoluteUri, sha256)));
    }
}
