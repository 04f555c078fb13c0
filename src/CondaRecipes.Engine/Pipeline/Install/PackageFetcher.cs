using CondaRecipes.Channels;
using CondaRecipes.Diagnostics;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// Gets a channel package's archive as a local file: a local channel's file is used where it is; an
/// http(s) channel's is downloaded once into the cache. Either way its sha256 (and size) must match the
/// channel's repodata, or the file is rejected.
/// </summary>
public sealed class PackageFetcher(string downloadDir, HttpClient? http = null)
{
    private static readonly HttpClient SharedClient = new() { Timeout = TimeSpan.FromMinutes(30) };

    public async Task<string> FetchAsync(PackageRecord record, CancellationToken ct)
    {
        var channel = record.Channel ?? throw new ArgumentException("record has no channel", nameof(record));
        var subdir = record.Subdir ?? "noarch";
        var fn = record.FileName ?? throw new ArgumentException("record has no file name", nameof(record));
        string path;
        if (channel.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            path = Path.Combine(new Uri(channel).LocalPath, subdir, fn);
        else
        {
            path = Path.Combine(downloadDir, record.Sha256 ?? "unverified", fn);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var tmp = path + $".{Guid.NewGuid():N}.part";
                var url = $"{channel.TrimEnd('/')}/{subdir}/{fn}";
                try
                {
                    await using (var body = await (http ?? SharedClient).GetStreamAsync(url, ct))
                    await using (var file = File.Create(tmp))
                        await body.CopyToAsync(file, ct);
                    Verify(record, tmp);
                    AtomicFile.Commit(tmp, path);
                }
                finally
                {
                    if (File.Exists(tmp)) File.Delete(tmp);
                }
            }
        }
        if (!File.Exists(path))
            throw new CondaRecipesException(BuildErrorCodes.PackageUnavailable,
                $"The channel lists {fn} but the file {path} does not exist.", hint: "Re-index the channel.");
        Verify(record, path);
        return path;
    }

    private static void Verify(PackageRecord record, string path)
    {
        if (record.Size is { } size && new FileInfo(path).Length != size)
            throw Mismatch(record, path, $"size {new FileInfo(path).Length}, repodata says {size}");
        if (record.Sha256 is { } expected)
        {
            var actual = FileHasher.Sha256(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw Mismatch(record, path, $"sha256 {actual}, repodata says {expected}");
        }
    }

    private static CondaRecipesException Mismatch(PackageRecord record, string path, string detail) =>
        new(BuildErrorCodes.PackageChecksumMismatch,
            $"{record.FileName} from {record.Channel} does not match its repodata: {detail}.", path,
            hint: "The channel's index is stale or the file is damaged; re-index the channel or remove the file.");
}
