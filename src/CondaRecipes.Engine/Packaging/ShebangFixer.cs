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

    /// <summary>Rewrites the first line of the text file at <paramref name="path"/> in place (temp file + rename,
    /// keeping its permissions). Returns true when the file changed.</summary>
    public static bool FixFile(string path, string prefix)
    {
        var bytes = File.ReadAllBytes(path);
        var end = Array.IndexOf(bytes, (byte)'\n');
        var firstLine = Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        var fixedLine = FixLine(firstLine, prefix);
        if (fixedLine is null) return false;

        var rest = end < 0 ? [] : bytes.AsSpan(end).ToArray();
        AtomicFile.Write(path, output =>
        {
            output.Write(Encoding.UTF8.GetBytes(fixedLine));
            output.Write(rest);
        }, mode: OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path));
        return true;
    }
}
