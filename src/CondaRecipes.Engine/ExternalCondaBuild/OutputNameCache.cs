using System.Text.Json;
using CondaRecipes.Files;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Remembers what <c>conda-build --output</c> answered (it renders the whole recipe and takes seconds)
/// under a hash of the inputs the caller computes (recipe files, variant, Python, conda-build version).
/// A hit returns the stored answer without starting conda-build. The file is small JSON, rewritten via a
/// temporary file and a rename under a lock file, so parallel builds sharing it lose no entries; an
/// unreadable file is treated as empty — it is only a cache.
/// </summary>
public sealed class OutputNameCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _file;

    public OutputNameCache(string cacheFile) => _file = Path.GetFullPath(cacheFile);

    /// <summary>The cache file.</summary>
    public string CacheFile => _file;

    private sealed record Entry(IReadOnlyList<string> Outputs, DateTimeOffset RecordedUtc);

    /// <summary>The cached package paths for <paramref name="inputsHash"/>, or null.</summary>
    public IReadOnlyList<string>? TryGet(string inputsHash) =>
        Load().TryGetValue(inputsHash, out var entry) ? entry.Outputs : null;

    /// <summary>Records the answer for <paramref name="inputsHash"/>, keeping every other entry.</summary>
    public void Put(string inputsHash, IReadOnlyList<string> outputs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        using var _ = AcquireLock();
        var entries = Load();
        entries[inputsHash] = new Entry(outputs, DateTimeOffset.UtcNow);
        AtomicFile.WriteAllText(_file, JsonSerializer.Serialize(entries, Json));
    }

    /// <summary>The cached answer, or the computed one (then stored). <paramref name="compute"/> runs only on a miss.</summary>
    public async Task<IReadOnlyList<string>> GetOrComputeAsync(string inputsHash,
        Func<CancellationToken, Task<IReadOnlyList<string>>> compute, CancellationToken cancellationToken = default)
    {
        var cached = TryGet(inputsHash);
        if (cached is not null) return cached;
        var outputs = await compute(cancellationToken).ConfigureAwait(false);
        Put(inputsHash, outputs);
        return outputs;
    }

    private Dictionary<string, Entry> Load()
    {
        try
        {
            if (File.Exists(_file))
                return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(_file), Json)
                       ?? new Dictionary<string, Entry>();
        }
        catch (JsonException)
        {
        }
        catch (IOException)
        {
        }
        return new Dictionary<string, Entry>();
    }

    /// <summary>An exclusive lock file next to the cache; other writers wait (up to a minute) for it.</summary>
    private FileStream AcquireLock()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                return new FileStream(_file + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
