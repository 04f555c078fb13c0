using CondaRecipes.Diagnostics;

namespace CondaRecipes.Elf;

/// <summary>Where one DT_NEEDED entry was found.</summary>
public enum DsoSource
{
    /// <summary>A package file on the needing file's RPATH/RUNPATH.</summary>
    Package,
    RunDependency,
    System,
    /// <summary>A host directory kept in the RPATH by the whitelist, where the library exists.</summary>
    HostWhitelisted,
    /// <summary>Not found, but matching <c>missing_dso_whitelist</c>.</summary>
    MissingWhitelisted,
    /// <summary>In the package, but on none of the file's search directories (CR3202).</summary>
    PackageNotOnRpath,
    /// <summary>Found nowhere (CR3201).</summary>
    Missing,
}

/// <param name="File">The needing file, relative to the package root.</param>
/// <param name="Library">The DT_NEEDED value.</param>
/// <param name="Path">Where it was found (absolute), when it was.</param>
public sealed record DsoResolution(string File, string Library, DsoSource Source, string? Path);

/// <summary>
/// Checks that every DT_NEEDED of every ELF file in a package resolves where it will at run time: the
/// package (through the file's final search path), the run dependencies, the system, a whitelisted host
/// directory kept in the RPATH, or <c>missing_dso_whitelist</c> (conda-build's overlinking check).
/// </summary>
public static class LinkageChecker
{
    /// <summary>The CR3201/CR3202 diagnostics (errors when <see cref="LinkageSettings.Strict"/>).</summary>
    /// <param name="packageRoot">The directory holding the package's files (the host prefix after relocation).</param>
    /// <param name="relativeFiles">The package's files relative to <paramref name="packageRoot"/>.</param>
    public static IReadOnlyList<Diagnostic> Check(string packageRoot, IEnumerable<string> relativeFiles, LinkageSettings settings)
    {
        var severity = settings.Strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        var diagnostics = new List<Diagnostic>();
        foreach (var r in Resolve(packageRoot, relativeFiles, settings))
        {
            if (r.Source == DsoSource.Missing)
                diagnostics.Add(new(severity, ElfErrorCodes.MissingDso,
                    $"'{r.File}' needs '{r.Library}', which is not in the package, the run dependencies, the system libraries or a whitelisted host RPATH directory, and matches no missing_dso_whitelist pattern. Add the library's package to requirements/run, or its name to build/missing_dso_whitelist.",
                    r.File));
            else if (r.Source == DsoSource.PackageNotOnRpath)
                diagnostics.Add(new(severity, ElfErrorCodes.DsoNotOnRpath,
                    $"'{r.File}' needs '{r.Library}', which is in the package at '{r.Path}' but on none of the file's RPATH directories. Add its directory to build/rpaths.",
                    r.File));
        }
        return diagnostics;
    }

    /// <summary>Where each DT_NEEDED of each dynamic ELF file resolves. Non-ELF and unreadable files are skipped.</summary>
    public static IReadOnlyList<DsoResolution> Resolve(string packageRoot, IEnumerable<string> relativeFiles, LinkageSettings settings)
    {
        var root = RpathPolicy.Normalize(packageRoot);
        var files = relativeFiles.ToList();
        var package = new PackageLibraries(root, files);
        var results = new List<DsoResolution>();
        foreach (var relative in files)
        {
            var info = package.InfoOf(relative);
            if (info is null) continue;
            var fileDir = Path.GetDirectoryName(Path.Combine(root, relative))!;
            var searchDirs = info.EffectiveSearchPath.Select(e => ResolveEntry(e, fileDir)).ToList();
            foreach (var needed in info.Needed)
                results.Add(ResolveOne(relative, needed, searchDirs, root, package, settings));
        }
        return results;
    }

    private static string ResolveEntry(string entry, string fileDir)
    {
        foreach (var origin in (string[])["${ORIGIN}", "$ORIGIN"])
            if (entry.StartsWith(origin, StringComparison.Ordinal)) entry = fileDir + entry[origin.Length..];
        return entry.StartsWith('/') ? RpathPolicy.Normalize(entry) : entry;
    }

    private static DsoResolution ResolveOne(string file, string needed, List<string> searchDirs, string root,
        PackageLibraries package, LinkageSettings s)
    {
        DsoResolution Found(DsoSource source, string? path) => new(file, needed, source, path);
        var candidates = new List<string>();

        if (needed.Contains('/'))
        {
            var absolute = needed.StartsWith('/') ? needed : Path.Combine(root, needed);
            if (File.Exists(absolute)) return Found(DsoSource.System, absolute);
            candidates.Add(absolute);
        }
        else
        {
            foreach (var dir in searchDirs)
            {
                var candidate = Path.Combine(dir, needed);
                candidates.Add(candidate);
                if (IsInside(dir, root) && package.Provides(dir, needed)) return Found(DsoSource.Package, candidate);
                if (IsInside(dir, root) && s.RunDependencyFiles.Contains(Path.GetRelativePath(root, candidate).Replace('\\', '/')))
                    return Found(DsoSource.RunDependency, candidate);
                if (!IsInside(dir, root) && dir.StartsWith('/') && FnMatch.IsMatchAny(dir, s.HostRunpathWhitelist) && File.Exists(candidate))
                    return Found(DsoSource.HostWhitelisted, candidate);
            }
            foreach (var dir in s.RunDependencyLibraryDirs)
            {
                var candidate = Path.Combine(dir, needed);
                candidates.Add(candidate);
                if (File.Exists(candidate)) return Found(DsoSource.RunDependency, candidate);
            }
            if (s.SystemLibraryNames.Contains(needed, StringComparer.Ordinal)) return Found(DsoSource.System, null);
            foreach (var dir in s.SystemLibraryDirs)
            {
                var candidate = Path.Combine(dir, needed);
                candidates.Add(candidate);
                if (File.Exists(candidate)) return Found(DsoSource.System, candidate);
            }
        }

        if (IsWhitelistedMissing(needed, candidates, s.MissingDsoWhitelist)) return Found(DsoSource.MissingWhitelisted, null);
        var elsewhere = package.Locate(needed);
        return elsewhere is null ? Found(DsoSource.Missing, null) : Found(DsoSource.PackageNotOnRpath, elsewhere);
    }

    private static bool IsWhitelistedMissing(string needed, List<string> candidates, IReadOnlyList<string> whitelist)
    {
        foreach (var pattern in whitelist)
        {
            var p = pattern.StartsWith("$RPATH/", StringComparison.Ordinal) ? pattern["$RPATH/".Length..] : pattern;
            if (FnMatch.IsMatch(needed, p) || candidates.Any(c => FnMatch.IsMatch(c, p))) return true;
        }
        return false;
    }

    private static bool IsInside(string dir, string root) =>
        dir == root || dir.StartsWith(root + "/", StringComparison.Ordinal);

    /// <summary>The package's files by directory, with the SONAMEs of its ELF files, read once.</summary>
    private sealed class PackageLibraries
    {
        private readonly Dictionary<string, ElfFileInfo?> _info = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _namesByDir = new(StringComparer.Ordinal);

        public PackageLibraries(string root, IEnumerable<string> relativeFiles)
        {
            foreach (var relative in relativeFiles)
            {
                var absolute = Path.Combine(root, relative);
                if (!File.Exists(absolute)) continue; // also skips dangling symlinks
                var dir = Path.GetDirectoryName(RpathPolicy.Normalize(absolute))!;
                if (!_namesByDir.TryGetValue(dir, out var names)) _namesByDir[dir] = names = new(StringComparer.Ordinal);
                names.Add(Path.GetFileName(absolute));
                // A symlink (libfoo.so.1 -> libfoo.so.1.2) provides its name; its target is checked under its own.
                if (new FileInfo(absolute).LinkTarget is not null) continue;
                ElfReadResult read;
                try { read = ElfReader.Read(absolute); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                var info = read.Kind == ElfKind.Dynamic ? read.Info : null;
                _info[relative] = info;
                if (info?.Soname is { } soname) names.Add(soname);
            }
        }

        public ElfFileInfo? InfoOf(string relative) => _info.GetValueOrDefault(relative);

        public bool Provides(string dir, string name) => _namesByDir.TryGetValue(dir, out var n) && n.Contains(name);

        public string? Locate(string name) =>
            _namesByDir.Where(kv => kv.Value.Contains(name)).Select(kv => Path.Combine(kv.Key, name)).FirstOrDefault();
    }
}
