using System.Text;

namespace CondaRecipes.Packaging;

/// <summary>How conda rewrites a file's prefix at install time (<c>file_mode</c> in paths.json).</summary>
public enum PrefixFileMode
{
    /// <summary>Plain text replacement.</summary>
    Text,
    /// <summary>Replacement inside NUL-terminated strings, padded so the file size never changes.</summary>
    Binary,
}

/// <summary>What <see cref="PrefixDetector"/> found in one file.</summary>
/// <param name="Mode">Text or binary by conda-build's rule (any NUL byte makes it binary).</param>
/// <param name="ContainsPrefix">The prefix bytes occur somewhere in the file.</param>
/// <param name="HasShebangToFix">A text file whose first line is a <c>#!</c> line naming a program inside the prefix.</param>
public sealed record PrefixScanResult(PrefixFileMode Mode, bool ContainsPrefix, bool HasShebangToFix);

/// <summary>
/// Decides, per file, whether conda must rewrite the build prefix at install time and how. The rule is
/// conda-build's (not rattler-build's 1024-byte sniff): a NUL byte anywhere means binary, else text, because
/// that is what existing packages were built with and what conda expects when it pads binary strings.
/// </summary>
public static class PrefixDetector
{
    /// <summary>Bytes read at a time; the file is never held whole.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>
    /// Scans <paramref name="path"/> for <paramref name="prefix"/>. Returns null for what is never rewritten:
    /// symlinks (their targets are rewritten through the files they point to), directories, and compiled
    /// Python (<c>.pyc</c>/<c>.pyo</c>, regenerated rather than patched).
    /// </summary>
    public static PrefixScanResult? Scan(string path, string prefix)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || !info.Exists) return null;
        if (path.EndsWith(".pyc", StringComparison.Ordinal) || path.EndsWith(".pyo", StringComparison.Ordinal)) return null;

        var needle = Encoding.UTF8.GetBytes(prefix);
        var overlap = needle.Length - 1;
        var buffer = new byte[ChunkSize + overlap];
        bool hasNul = false, found = false;
        byte[]? firstBytes = null;
        int carried = 0;

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        while (true)
        {
            var read = stream.ReadAtLeast(buffer.AsSpan(carried, ChunkSize), ChunkSize, throwOnEndOfStream: false);
            if (read == 0) break;
            var window = buffer.AsSpan(0, carried + read);
            firstBytes ??= window[..Math.Min(window.Length, 4096)].ToArray();
            if (!hasNul) hasNul = window[carried..].Contains((byte)0);
            if (!found) found = window.IndexOf(needle) >= 0;
            if (hasNul && found) break;
            // Keep the tail so a prefix split across two chunks is still found.
            carried = Math.Min(overlap, window.Length);
            window[^carried..].CopyTo(buffer);
            if (read < ChunkSize) break;
        }

        var mode = hasNul ? PrefixFileMode.Binary : PrefixFileMode.Text;
        var shebang = mode == PrefixFileMode.Text && firstBytes is not null && ShebangFixer.PointsIntoPrefix(FirstLine(firstBytes), prefix);
        return new PrefixScanResult(mode, found, shebang);
    }

    private static string FirstLine(byte[] head)
    {
        var end = Array.IndexOf(head, (byte)'\n');
        return Encoding.UTF8.GetString(head, 0, end < 0 ? head.Length : end);
    }
}
