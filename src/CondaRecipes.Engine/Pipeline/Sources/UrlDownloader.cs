using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Copies the bytes behind one source URL to a local file: <c>http(s)://</c> through an
/// <see cref="HttpClient"/>, <c>file://</c> and plain paths (relative to the recipe directory, as
/// conda-build allows) from the file system. Verifying and caching are the cache's business.
/// </summary>
internal sealed class UrlDownloader(HttpClient http)
{
    /// <summary>Resolves a recipe's URL text to an absolute URI.</summary>
    public static Uri Resolve(RecipeSource spec, string url, string recipeDir)
    {
        if (url.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
                uri.Scheme is not ("http" or "https" or "file"))
                throw SourceErrors.Error(spec, SourceErrorCodes.UnsupportedUrl,
                    $"The source URL '{url}' is not an http, https or file URL.",
                    "Use an http(s):// or file:// URL, or 'git_url:' for a git repository.");
            return uri;
        }
        var path = url.StartsWith('~')
            ? System.IO.Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), url[1..])
            : System.IO.Path.GetFullPath(url, recipeDir);
        return new Uri(path);
    }

    /// <summary>Writes the content of <paramref name="uri"/> to <paramref name="destination"/>; throws on
    /// any failure (the caller tries the next mirror).</summary>
    public async Task DownloadAsync(Uri uri, string destination, CancellationToken ct)
    {
        await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write,
            FileShare.None, 1 << 16, useAsync: true);
        if (uri.IsFile)
        {
            await using var input = new FileStream(uri.LocalPath, FileMode.Open, FileAccess.Read,
                FileShare.Read, 1 << 16, useAsync: true);
            await input.CopyToAsync(output, ct);
            return;
        }
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(output, ct);
    }

    /// <summary>The file name a URL's download gets when the recipe gives no <c>fn:</c>.</summary>
    public static string DefaultFileName(Uri uri)
    {
        var name = Uri.UnescapeDataString(uri.Segments.Length > 0 ? uri.Segments[^1] : "").Trim('/');
        return string.IsNullOrEmpty(name) ? "source" : name;
    }
}
