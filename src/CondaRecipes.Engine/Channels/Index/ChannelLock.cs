using System.Diagnostics;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// An exclusive lock on a channel, held across the whole read-modify-write of its index so that parallel
/// builds adding packages never lose one another's records. It is an open handle on
/// <c>&lt;channel&gt;/.index.lock</c> with <see cref="FileShare.None"/>, which .NET turns into an exclusive
/// advisory lock on Unix; the kernel releases it if the process dies.
/// </summary>
public sealed class ChannelLock : IDisposable
{
    private readonly FileStream _handle;

    private ChannelLock(FileStream handle) => _handle = handle;

    public static ChannelLock Acquire(string channelDir, TimeSpan timeout)
    {
        Directory.CreateDirectory(channelDir);
        var path = Path.Combine(channelDir, ".index.lock");
        var clock = Stopwatch.StartNew();
        var delay = 5;
        while (true)
        {
            try
            {
                return new ChannelLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(Random.Shared.Next(delay, delay * 2));
                delay = Math.Min(delay * 2, 100);
            }
            catch (IOException e)
            {
                throw new CondaRecipesException(IndexErrorCodes.LockTimeout,
                    $"The channel index lock '{path}' was held by another process for more than {timeout.TotalSeconds:0} s.", path,
                    hint: "Another build may be indexing this channel or hung; wait for it, or stop it and index again.", inner: e);
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
