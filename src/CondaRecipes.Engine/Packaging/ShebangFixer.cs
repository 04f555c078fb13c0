using System.Text;
using CondaRecipes.Files;

namespace CondaRecipes.Packaging;

/// <summary>
/// Rewrites <c>#!&lt;prefix&gt;/bin/prog args</c> to <c>#!/usr/bin/env prog args</c> when the line is longer
/// than 127 characters. Why: the Linux kernel reads only the first 127 characters of a <c>#!</c> line on
/// kernels before 5.1 (BINPRM_BUF_SIZE 128) and silently truncates the interpreter path, so a script whose
/// interpreter lives under the 255-character build prefix cannot run during the build, and conda applies the
/// same rewrite (<c>replace_long_shebang</c>) at install time anyway. <c>env</c> then finds the program on the
/// activated environment's PATH.
/// </summary>
public static class ShebangFixer
{
    /// <summary>Longest shebang line (without the newline) the kernel executes as written.</summary>
    public const int MaxShebangLength = 127;

    /// <summary>True when <paramref name="firstLine"/> is a shebang whose interpreter lies inside <paramref name="prefix"/>.</summary>
    public static bool PointsIntoPrefix(string firstLine, string prefix)
    {
        if (!firstLine.StartsWith("#!", StringComparison.Ordinal)) return false;
        var interpreter = firstLine[2..].TrimStart();
        return interpreter.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    /// <summary>The rewritten line, or null when the line needs no change (short, or not into the prefix).</summary>
    public static string? FixLine(string firstLine, string prefix)
    {
        var line = firstLine.TrimEnd('\r');
        if (line.Length <= MaxShebangLength || !PointsIntoPrefix(line, prefix)) return null;
        var parts = line[2..].Trim().Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
        var program = Path.GetFileName(parts[0]);
        return parts.Length > 1 ? $"#!/usr/bin/env {program} {parts[1]}" : $"#!/usr/bin/env {program}";
    }

    /// <summary>Longest first line read when looking for a shebang; a longer first line is left alone.</summary>
    private const int MaxFirstLineBytes = 1 << 16;

    /// <summary>Rewrites the first line of the text file at <paramref name="path"/> in place (temp file + rename,
    /// keeping its permissions). Returns true when the file changed. Only the first line is held in memory; the
    /// rest is copied as a stream, so the file's size does not matter.</summary>
    public static bool FixFile(string path, string prefix)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var head = new byte[MaxFirstLineBytes];
        var length = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var end = Array.IndexOf(head, (byte)'\n', 0, length);
        if (end < 0 && length == head.Length) return false; // no line end within the limit: not a shebang line
        var firstLine = Encoding.UTF8.GetString(head, 0, end < 0 ? length : end);
        var fixedLine = FixLine(firstLine, prefix);
        if (fixedLine is null) return false;

        AtomicFile.Write(path, output =>
        {
            output.Write(Encoding.UTF8.GetBytes(fixedLine));
            if (end >= 0) output.Write(head, end, length - end);
            input.CopyTo(output);
        }, mode: OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path));
        return true;
    }
}
