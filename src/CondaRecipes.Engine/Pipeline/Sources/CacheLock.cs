namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// An exclusive lock on one cache entry, held across processes (parallel MSBuild nodes, batch jobs on a
/// shared file system) and across threads of one process. On Unix .NET takes <c>FileShare.None</c> as a
/// non-blocking <c>flock</c> on the open file, which conflicts between any two opens, so waiting is a
/// polling loop; the lock file itself is left in place (deleting it would race with a waiter).
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream _stream;

    private CacheLock(FileStream stream) => _stream = stream;

    public static async Task<CacheLock> AcquireAsync(string lockFile, Action<string>? onWait,
        CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(lockFile)!);
        var announced = false;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new CacheLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                    FileShare.None));
            }
            catch (IOException)
            {
                if (!announced) onWait?.Invoke($"waiting for another build using {lockFile}");
                announced = true;
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
