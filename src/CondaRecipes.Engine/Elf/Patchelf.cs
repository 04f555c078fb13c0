using System.ComponentModel;
using CondaRecipes.Processes;

namespace CondaRecipes.Elf;

/// <summary>Runs <c>patchelf --force-rpath --set-rpath</c>, as conda-build does (the result is DT_RPATH).</summary>
public static class Patchelf
{
    private static int _started;

    /// <summary>How many patchelf processes this process has started; lets callers (and the benchmark)
    /// verify that in-place rewrites spawned none.</summary>
    public static int ProcessesStarted => Volatile.Read(ref _started);

    /// <summary>Sets the RPATH of <paramref name="file"/>; returns null on success or the failure text.</summary>
    /// <exception cref="Win32Exception">patchelf cannot be started (not installed).</exception>
    internal static string? SetRpath(string patchelfPath, string file, string value)
    {
        Interlocked.Increment(ref _started);
        var result = ProcessRunner.RunAsync(new ProcessRequest(patchelfPath, ["--force-rpath", "--set-rpath", value, file]))
            .GetAwaiter().GetResult();
        return result.ExitCode == 0 ? null : $"patchelf exited with {result.ExitCode}: {result.StandardError.Trim()}";
    }
}
