using System.Text;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Pipeline.Collect;

/// <summary>
/// Rearranges a staged package tree into conda's <c>noarch: python</c> layout, so that conda (and the
/// engine's own installer) can place it for whichever Python the target environment has:
/// <list type="bullet">
/// <item>anything under a <c>site-packages</c> folder (<c>lib/python3.12/site-packages/x</c>) moves to
/// <c>site-packages/x</c>; conda puts it back under <c>lib/pythonX.Y/site-packages</c> at install;</item>
/// <item>scripts in <c>bin/</c> move to <c>python-scripts/</c> (conda installs them into <c>bin/</c>), with a
/// Python shebang pointing at the prefix's <c>bin/python</c>, which conda relocates; a binary there is an
/// error, as in conda-build;</item>
/// <item>the scripts of <c>build/entry_points</c> are dropped (conda writes them at install, for the target
/// Python), and so are bytecode and single-file <c>.egg-info</c> entries;</item>
/// <item>every other file stays where it is.</item>
/// </list>
/// </summary>
public static class NoarchPythonLayout
{
    /// <summary>
    /// Applies the layout to <paramref name="packageRoot"/> (a staging tree without <c>info/</c>).
    /// <paramref name="buildPrefix"/> is the prefix the files were built in: scripts' shebangs point into it so
    /// that prefix replacement makes them name the installed environment's Python.
    /// </summary>
    public static void Apply(string packageRoot, IReadOnlyList<PythonEntryPoint> entryPoints, string buildPrefix, string? recipeFile)
    {
        var entryScripts = entryPoints.Select(e => e.ScriptPath).ToHashSet(StringComparer.Ordinal);
        var emptied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rel in Entries(packageRoot))
        {
            var full = Path.Combine(packageRoot, rel);
            var site = rel.IndexOf("site-packages", StringComparison.Ordinal);
            if (rel.EndsWith(".egg-info", StringComparison.Ordinal) && !Directory.Exists(full)
                || rel.EndsWith(".pyc", StringComparison.Ordinal) || rel.EndsWith(".pyo", StringComparison.Ordinal))
                Remove(full, emptied);
            else if (site >= 0)
            {
                if (site > 0) Move(full, Path.Combine(packageRoot, rel[site..]), emptied);
            }
            else if (rel.StartsWith("bin/", StringComparison.Ordinal))
            {
                if (entryScripts.Contains(rel)) Remove(full, emptied);
                else MoveScript(full, Path.Combine(packageRoot, "python-scripts", Path.GetFileName(rel)), buildPrefix, rel, recipeFile, emptied);
            }
        }
        PruneEmptied(packageRoot, emptied);
    }

    /// <summary>Files, links and empty folders of the tree, '/'-separated, without following links.</summary>
    private static List<string> Entries(string root) =>
        PackageTree.List(root).Where(e => !e.IsInfo).Select(e => e.RelativePath).ToList();

    private static void Remove(string full, HashSet<string> emptied)
    {
        if (Directory.Exists(full) && new FileInfo(full).LinkTarget is null) Directory.Delete(full);
        else File.Delete(full);
        emptied.Add(Path.GetDirectoryName(full)!);
    }

    private static void Move(string from, string to, HashSet<string> emptied)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (Directory.Exists(from) && new FileInfo(from).LinkTarget is null) Directory.Move(from, to);
        else File.Move(from, to, overwrite: true);
        emptied.Add(Path.GetDirectoryName(from)!);
    }

    /// <summary>
    /// Moves a script into python-scripts/, as conda-build's rewrite: the file must be text; a Python shebang
    /// (also one the collect step shortened to <c>/usr/bin/env python3.X</c>) becomes <c>#!&lt;prefix&gt;/bin/python</c>,
    /// which is version-free and relocated at install.
    /// </summary>
    private static void MoveScript(string from, string to, string buildPrefix, string rel, string? recipeFile, HashSet<string> emptied)
    {
        if (!TryReadText(from, out var text))
            throw new CondaRecipesException(PackagingErrorCodes.NoarchBinaryScript,
                $"The noarch: python package holds a binary file in bin/: {rel}.", recipeFile,
                hint: "A noarch: python package can only carry scripts; build it per platform (drop noarch: python) or leave the binary out.");
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(from);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.WriteAllText(to, WithPrefixPython(text, buildPrefix));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, mode);
        File.Delete(from);
        emptied.Add(Path.GetDirectoryName(from)!);
    }

    /// <summary>The file as UTF-8 text, or false for a binary (invalid UTF-8 or NUL bytes).</summary>
    private static bool TryReadText(string path, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
            return !text.Contains('\0');
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>Replaces a first line that runs Python (<c>…/python</c>, <c>python3.12</c>, <c>pythonw</c>) by <c>#!&lt;prefix&gt;/bin/python</c>.</summary>
    internal static string WithPrefixPython(string text, string prefix)
    {
        if (!text.StartsWith("#!", StringComparison.Ordinal)) return text;
        var end = text.IndexOf('\n');
        var line = (end < 0 ? text : text[..end]).TrimEnd('\r');
        var words = line[2..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var program = words.Length == 0 ? "" : Path.GetFileName(words[0]) == "env" && words.Length > 1 ? words[1] : Path.GetFileName(words[0]);
        if (!System.Text.RegularExpressions.Regex.IsMatch(program, @"^pythonw?[0-9.]*$")) return text;
        return $"#!{prefix.TrimEnd('/')}/bin/python" + (end < 0 ? "\n" : text[end..]);
    }

    /// <summary>Deletes the folders the moves left empty, upwards, but never one that was empty before.</summary>
    private static void PruneEmptied(string root, HashSet<string> emptied)
    {
        var rootFull = Path.GetFullPath(root).TrimEnd('/');
        foreach (var start in emptied.OrderByDescending(d => d.Length))
        {
            var dir = Path.GetFullPath(start).TrimEnd('/');
            while (dir.Length > rootFull.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
            {
                Directory.Delete(dir);
                dir = Path.GetDirectoryName(dir)!;
            }
        }
    }
}
