using System.Diagnostics;
using System.Globalization;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// A build's use of one extracted package: a shared lock on <c>&lt;entry&gt;.use</c> (an open handle that lets
/// others read, which .NET turns into a shared advisory lock on Unix; the kernel drops it if the process dies).
/// <see cref="PackageCachePruner"/> takes the same lock exclusively, so it never removes an entry a running build
/// holds. Taking the lease marks the entry used now (the lease file's mtime).
/// </summary>
public sealed class PackageCacheLease : IDisposable
{
    private readonly FileStream _handle;

    private PackageCacheLease(FileStream handle, string directory)
    {
        _handle = handle;
        Directory = directory;
    }

    /// <summary>The extracted package.</summary>
    public string Directory { get; }

    internal static string LeasePath(string entryDir) => entryDir + ".use";

    internal static string SizePath(string entryDir) => entryDir + ".size";

    internal static PackageCacheLease Acquire(string entryDir)
    {
        var path = LeasePath(entryDir);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Read access: a shared lock is taken on every file system (with write access .NET skips it on some).
                var handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                return new PackageCacheLease(handle, entryDir);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                // A prune is removing this entry (it holds the lock for a rename and a delete): wait for it.
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Records the entry's size once, after extraction, so a prune need not walk it.</summary>
    internal static void RecordSize(string entryDir) =>
        AtomicFile.WriteAllText(SizePath(entryDir), SizeOf(entryDir).ToString(CultureInfo.InvariantCulture));

    internal static long SizeOf(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => f.LinkTarget is null).Sum(f => f.Length);

    public void Dispose() => _handle.Dispose();
}
