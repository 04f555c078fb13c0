using System.Text;
using System.Text.Json;
using CondaRecipes.Packaging;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// Installs an extracted package into a prefix as conda does: every path of <c>info/paths.json</c> is
/// hard-linked (copied when linking fails or the file must be rewritten); files carrying the build prefix
/// get the real prefix instead — text by plain replacement, binary inside NUL-terminated strings padded
/// with NULs so the file keeps its length. A <c>noarch: python</c> package is placed for the prefix's Python
/// (<see cref="NoarchPythonInstall"/>). No link scripts are run.
/// </summary>
public static class PrefixLinker
{
    public static IReadOnlyList<string> Link(string extractedPackage, string prefix)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(extractedPackage, "info", "paths.json")));
        var installed = new List<string>();
        var folders = new HashSet<string>(StringComparer.Ordinal); // created once, not once per file
        var noarchPython = NoarchPythonInstall.For(extractedPackage, prefix);
        foreach (var entry in doc.RootElement.GetProperty("paths").EnumerateArray())
        {
            var packagePath = entry.GetProperty("_path").GetString()!;
            var rel = noarchPython?.TargetPath(packagePath) ?? packagePath;
            var type = entry.TryGetProperty("path_type", out var t) ? t.GetString() : "hardlink";
            var from = Path.Combine(extractedPackage, packagePath);
            var to = Path.Combine(prefix, rel);
            var folder = Path.GetDirectoryName(to)!;
            if (folders.Add(folder)) Directory.CreateDirectory(folder);
            var existing = new FileInfo(to); // one lstat: a file, or a link (possibly dangling)
            if (existing.Exists || existing.LinkTarget is not null) File.Delete(to);

            if (type == "directory")
                Directory.CreateDirectory(to);
            else if (type == "softlink")
                File.CreateSymbolicLink(to, new FileInfo(from).LinkTarget!);
            else if (entry.TryGetProperty("prefix_placeholder", out var ph))
            {
                var mode = entry.TryGetProperty("file_mode", out var m) ? m.GetString() : "text";
                if (mode == "binary") CheckPrefixFits(ph.GetString()!, prefix);
                // Streamed: a package file can be larger than any buffer (or than 2 GB).
                PrefixReplacer.ReplaceFile(from, to, ph.GetString()!, prefix, mode == "binary" ? PrefixFileMode.Binary : PrefixFileMode.Text);
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
                // conda's replace_long_shebang: a script whose interpreter path became too long for the kernel.
                if (mode != "binary") ShebangFixer.FixFile(to, prefix);
            }
            else if (!TryHardLink(from, to))
                File.Copy(from, to);
            installed.Add(rel);
        }
        if (noarchPython is not null)
            installed.AddRange(noarchPython.Complete(installed));
        return installed;
    }

    private static void CheckPrefixFits(string placeholder, string prefix)
    {
        if (Encoding.UTF8.GetByteCount(prefix) > Encoding.UTF8.GetByteCount(placeholder))
            throw new CondaRecipes.Diagnostics.CondaRecipesException(BuildErrorCodes.PrefixSetupFailed,
                $"The install prefix ({Encoding.UTF8.GetByteCount(prefix)} bytes) is longer than the package's placeholder ({Encoding.UTF8.GetByteCount(placeholder)} bytes).",
                hint: "Install into a shorter prefix.");
    }

    private static bool TryHardLink(string from, string to)
    {
        try
        {
            return link(from, to) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    // .NET has no API for hard links; libc's link(2) is what conda's installer uses too.
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int link(string oldpath, string newpath);
}
