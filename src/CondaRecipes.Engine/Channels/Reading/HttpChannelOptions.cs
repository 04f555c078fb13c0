namespace CondaRecipes.Channels.Reading;

/// <summary>How http(s) channels are fetched and cached.</summary>
public sealed class HttpChannelOptions
{
    /// <summary>
    /// Directory for cached repodata and its validators (ETag, Last-Modified). Default:
    /// <c>$XDG_CACHE_HOME/conda-recipes/repodata</c> or <c>~/.cache/conda-recipes/repodata</c>.
    /// </summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>The client to use; one shared client when null.</summary>
    public HttpClient? Client { get; init; }

    /// <summary>How long to wait for a server before falling back to the cache.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Use only the cache, without contacting servers.</summary>
    public bool Offline { get; init; }

    private static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "conda-recipes", "repodata");
    }
}
