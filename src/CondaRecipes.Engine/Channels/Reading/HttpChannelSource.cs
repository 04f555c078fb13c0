using System.Net;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Reading;

/// <summary>
/// A channel served over http(s). Each <c>repodata.json</c> is cached on disk with its ETag and
/// Last-Modified; later fetches are conditional and a 304 reuses the cached copy. When the server cannot be
/// reached (connection error, timeout, 5xx) a cached copy is used with warning CR5104; without one, CR5103.
/// </summary>
public sealed class HttpChannelSource : ChannelSource
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient());
    private readonly HttpChannelOptions _options;

    public HttpChannelSource(string url, HttpChannelOptions options) : base(url)
    {
        _options = options;
    }

    protected override string NoarchLocation => $"{Url}/noarch/repodata.json";

    protected override async Task<List<PackageRecord>?> ReadSubdirAsync(string subdir,
        ICollection<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        var url = $"{Url}/{subdir}/repodata.json";
        Directory.CreateDirectory(_options.CacheDirectory);
        var cache = new RepodataCache(_options.CacheDirectory, url);
        var validators = cache.TryReadValidators();
        if (_options.Offline)
            return validators is null ? NotCached(url, "offline mode") : ReadCached(cache, subdir);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (validators?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (validators?.LastModified is { } lastModified) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await (_options.Client ?? SharedClient.Value)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Fallback(cache, validators, subdir, url, e is OperationCanceledException ? "timed out" : e.Message, diagnostics);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified && validators is not null)
            {
                cache.Touch(validators);
                return ReadCached(cache, subdir);
            }
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (!response.IsSuccessStatusCode)
                return Fallback(cache, validators, subdir, url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", diagnostics);

            var temp = cache.NewTempFile();
            try
            {
                await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false))
                await using (var file = File.Create(temp))
                    await body.CopyToAsync(file, timeout.Token).ConfigureAwait(false);
                // Parse before storing so a broken download never replaces a good cached copy.
                List<PackageRecord> records;
                await using (var check = File.OpenRead(temp))
                    records = RepodataReader.Read(check, Url, subdir, url);
                cache.Store(temp,
                    response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R"));
                return records;
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }

    private List<PackageRecord> ReadCached(RepodataCache cache, string subdir)
    {
        using var stream = File.OpenRead(cache.DataPath);
        return RepodataReader.Read(stream, Url, subdir, cache.DataPath);
    }

    private List<PackageRecord> Fallback(RepodataCache cache, RepodataCache.Validators? validators, string subdir,
        string url, string why, ICollection<Diagnostic>? diagnostics)
    {
        if (validators is null) return NotCached(url, why);
        diagnostics?.Add(Diagnostic.Warning(ChannelErrorCodes.UsingCachedRepodata,
            $"Channel '{Url}' could not be reached ({why}); using the repodata cached on {validators.Fetched:u}.",
            cache.DataPath));
        return ReadCached(cache, subdir);
    }

    private static List<PackageRecord> NotCached(string url, string why) =>
        throw new CondaRecipesException(ChannelErrorCodes.ChannelUnreachable,
            $"Could not fetch '{url}' ({why}) and no cached copy exists.", file: url,
            hint: "Check the URL and the network, or fetch once while the server is reachable to fill the cache.");
}
