using System.Text;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes a file with its build prefix (the placeholder) replaced, as conda does at install time, reading
/// and writing in fixed-size chunks: memory stays bounded whatever the file's size (CUDA and torch
/// libraries pass 2 GB). A placeholder split across two chunks is still found: the last
/// <c>placeholder length - 1</c> bytes of a chunk are carried over to the next.
/// <para>Text mode replaces every occurrence. Binary mode replaces inside the NUL-terminated string that
/// holds the placeholder (every occurrence in it) and pads that string with NULs back to its length, so
/// every offset in the file stays valid.</para>
/// </summary>
public static class PrefixReplacer
{
    /// <summary>Bytes read at a time; the unit tests use files many times larger.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> with the placeholder replaced.</summary>
    /// <returns>How many occurrences were replaced.</returns>
    public static long Replace(Stream input, Stream output, string placeholder, string prefix, PrefixFileMode mode, int chunkSize = ChunkSize)
    {
        var ph = Encoding.UTF8.GetBytes(placeholder);
        var pf = Encoding.UTF8.GetBytes(prefix);
        if (ph.Length == 0) { input.CopyTo(output); return 0; }
        if (mode == PrefixFileMode.Binary && pf.Length > ph.Length)
            throw new ArgumentException($"The prefix ({pf.Length} bytes) is longer than the placeholder ({ph.Length} bytes).", nameof(prefix));

        var keep = ph.Length - 1;
        var buffer = new byte[Math.Max(chunkSize, 1) + keep];
        var zeros = new byte[Math.Min(4096, Math.Max(ph.Length - pf.Length, 1) * 16)];
        int carried = 0;
        long replaced = 0, padding = 0;
        bool inString = false;

        while (true)
        {
            var read = input.ReadAtLeast(buffer.AsSpan(carried, buffer.Length - carried), buffer.Length - carried, throwOnEndOfStream: false);
            var atEnd = read < buffer.Length - carried;
            var window = buffer.AsSpan(0, carried + read);
            var i = 0;
            while (true)
            {
                var rest = window[i..];
                var match = rest.IndexOf(ph);
                if (inString)
                {
                    var nul = rest.IndexOf((byte)0);
                    if (nul >= 0 && (match < 0 || nul < match))
                    {
                        // The string ends: what it still holds, then the NULs making up for the shorter prefixes.
                        output.Write(rest[..nul]);
                        WriteZeros(output, padding, zeros);
                        padding = 0;
                        inString = false;
                        i += nul;
                        continue;
                    }
                }
                if (match >= 0)
                {
                    output.Write(rest[..match]);
                    output.Write(pf);
                    replaced++;
                    i += match + ph.Length;
                    if (mode == PrefixFileMode.Binary)
                    {
                        inString = true;
                        padding += ph.Length - pf.Length;
                    }
                    continue;
                }
                // No complete placeholder in the rest: write all but a tail that could start one.
                var hold = atEnd ? 0 : Math.Min(keep, rest.Length);
                output.Write(rest[..^hold]);
                rest[^hold..].CopyTo(buffer);
                carried = hold;
                break;
            }
            if (atEnd) break;
        }
        if (inString) WriteZeros(output, padding, zeros); // a string running to the end of the file
        return replaced;
    }

    /// <summary>Writes <paramref name="destination"/> from <paramref name="source"/> with the placeholder replaced.</summary>
    public static long ReplaceFile(string source, string destination, string placeholder, string prefix, PrefixFileMode mode)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        return Replace(input, output, placeholder, prefix, mode);
    }

    private static void WriteZeros(Stream output, long count, byte[] zeros)
    {
        for (; count > 0; count -= Math.Min(count, zeros.Length))
            output.Write(zeros, 0, (int)Math.Min(count, zeros.Length));
    }
}
