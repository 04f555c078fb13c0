using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CondaRecipes.Files;

/// <summary>
/// An exclusive advisory lock held across processes and machines: an open handle with <see cref="FileShare.None"/>,
/// which .NET takes as <c>flock(LOCK_EX)</c> on Unix. The kernel releases it when the process dies, whatever
/// kills it, so a lock is never stale; on NFS the Linux client turns <c>flock</c> into a byte-range lock the
/// server keeps, so batch jobs on two nodes exclude each other. .NET ignores a file system that cannot lock
/// (it only reports a lock held by someone else), so the lock is asked for again explicitly: a file system
/// without locks is an error (<see cref="LocksUnsupportedException"/>), never a lock that silently is not one.
/// <para>
/// Who holds the lock (host, pid, since when) is written next to it (<c>&lt;lock&gt;.owner</c>): while held,
/// the lock file itself cannot be opened by anyone else. The lock file stays in place (deleting it would race
/// with a waiter opening it); the owner file is removed on release and is only ever a hint.
/// </para>
/// </summary>
public sealed class LockFile : IDisposable
{
    private readonly FileStream _handle;

    private LockFile(string path, FileStream handle)
    {
        Path = path;
        _handle = handle;
    }

    public string Path { get; }

    /// <summary>The sidecar holding the owner's host, pid and start time.</summary>
    public static string OwnerPath(string lockPath) => lockPath + ".owner";

    /// <summary>The lock, or null when another process (or another open in this one) holds it.</summary>
    /// <exception cref="LocksUnsupportedException">The file system cannot lock files.</exception>
    public static LockFile? TryAcquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult is WouldBlockLinux or WouldBlockMac)
        {
            return null;
        }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Already held through this handle, this is a no-op; when .NET could not lock, it says why.
            if (Flock(handle.SafeFileHandle.DangerousGetHandle().ToInt32(), LockExclusive | LockNonBlocking) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                handle.Dispose();
                if (errno is WouldBlockLinux or WouldBlockMac) return null; // locking was disabled in .NET, and another holds it
                throw new LocksUnsupportedException(path, errno);
            }
        }
        var held = new LockFile(path, handle);
        try
        {
            AtomicFile.WriteAllText(OwnerPath(path),
                $"{Environment.MachineName} pid {Environment.ProcessId} since {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC\n");
        }
        catch (IOException)
        {
            // The owner line is a hint for messages; a lock without it is still the lock.
        }
        return held;
    }

    /// <summary>
    /// Waits for the lock: <paramref name="onWait"/> hears who holds it when the wait starts and then every
    /// <paramref name="reportEvery"/>; null after <paramref name="timeout"/> (null: no limit).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public static async Task<LockFile?> AcquireAsync(string path, TimeSpan? timeout, TimeSpan reportEvery,
        Action<string> onWait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.MinValue;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path) is { } held) return held;
            if (timeout is { } limit && clock.Elapsed >= limit) return null;
            if (lastReport == TimeSpan.MinValue || clock.Elapsed - lastReport >= reportEvery)
            {
                onWait(Owner(path));
                lastReport = clock.Elapsed;
            }
            var wait = timeout is { } l && l - clock.Elapsed < delay ? l - clock.Elapsed : delay;
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    /// <summary>Who holds the lock, as its owner wrote it (<c>host pid N since …</c>), or "another process" when unknown.</summary>
    public static string Owner(string lockPath)
    {
        try
        {
            var text = File.ReadAllText(OwnerPath(lockPath)).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    public void Dispose()
    {
        // Removed while still held, so it never names a process that no longer holds the lock.
        try { File.Delete(OwnerPath(Path)); } catch (IOException) { }
        _handle.Dispose();
    }

    // EWOULDBLOCK: what flock reports for a lock held elsewhere, and the HResult of .NET's IOException then.
    private const int WouldBlockLinux = 11;
    private const int WouldBlockMac = 35;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);
}

/// <summary>The file system holding a lock file cannot lock files (Lustre mounted without <c>flock</c>, NFS without a lock manager).</summary>
public sealed class LocksUnsupportedException(string path, int errno)
    : IOException($"The file system of '{path}' cannot lock files (flock failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).")
{
    public string LockPath { get; } = path;
}
