using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>
/// A <c>package_contents</c> test against a package's file list (info/paths.json), without an environment.
/// Each section's entry expands to one or more globs as rattler-build expands them for a Unix platform:
/// <c>include: foo.h</c> → <c>include/foo.h</c>; <c>bin: foo</c> → <c>bin/foo</c>; <c>lib: foo</c> →
/// <c>lib/{,lib}foo.so</c> or <c>lib/{,lib}foo.so.*</c> (a name ending in <c>.so</c>, <c>.a</c> or holding
/// <c>.so.</c> is taken as is); <c>site_packages: a.b</c> → <c>a/b.py</c> or <c>a/b/__init__.py</c> under
/// <c>lib/python*/site-packages</c> (<c>site-packages</c> for a noarch: python package), a name with '/'
/// is a glob under that folder. An entry of <c>exists</c> must match some file, one of <c>not_exists</c> none;
/// with <c>strict</c>, every file must be matched by an <c>exists</c> entry.
/// </summary>
public static class PackageContentsCheck
{
    /// <summary>The failures, one line each; empty when the test passes.</summary>
    public static IReadOnlyList<string> Run(V1PackageContentsTest test, IReadOnlyList<string> paths, bool noarchPython)
    {
        var issues = new List<string>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (section, checks, expand) in Sections(test, noarchPython))
        {
            foreach (var entry in checks.Exists)
            {
                var globs = expand(entry);
                var hits = paths.Where(p => globs.Any(g => g.IsMatch(p))).ToList();
                if (hits.Count == 0) issues.Add($"no file matches {section} '{entry}' ({Describe(globs)})");
                matched.UnionWith(hits);
            }
            foreach (var entry in checks.NotExists)
            {
                var globs = expand(entry);
                var hits = paths.Where(p => globs.Any(g => g.IsMatch(p))).ToList();
                if (hits.Count > 0)
                    issues.Add($"{section} not_exists '{entry}' ({Describe(globs)}) matches {string.Join(", ", hits.Take(5))}{(hits.Count > 5 ? $" and {hits.Count - 5} more" : "")}");
            }
        }
        if (test.Strict)
        {
            var unmatched = paths.Where(p => !matched.Contains(p)).ToList();
            if (unmatched.Count > 0)
                issues.Add($"strict: {unmatched.Count} file(s) matched by no entry: {string.Join(", ", unmatched)}");
        }
        return issues;
    }

    /// <summary>The globs one entry of a section stands for.</summary>
    public static IReadOnlyList<ContentGlob> Expand(string section, string entry, bool noarchPython) => section switch
    {
        "include" => [new ContentGlob($"include/{entry}")],
        "bin" => [new ContentGlob($"bin/{entry}")],
        "lib" => entry.EndsWith(".so", StringComparison.Ordinal) || entry.Contains(".so.", StringComparison.Ordinal) || entry.EndsWith(".a", StringComparison.Ordinal)
            ? [new ContentGlob($"lib/{entry}")]
            : [new ContentGlob($"lib/{{,lib}}{entry}.so"), new ContentGlob($"lib/{{,lib}}{entry}.so.*")],
        "site_packages" => SitePackages(entry, noarchPython ? "site-packages" : "lib/python*/site-packages"),
        _ => [new ContentGlob(entry)],
    };

    private static IReadOnlyList<ContentGlob> SitePackages(string entry, string root)
    {
        if (entry.Contains('/')) return [new ContentGlob($"{root}/{entry}")];
        var module = entry.Replace('.', '/');
        return [new ContentGlob($"{root}/{module}.py"), new ContentGlob($"{root}/{module}/__init__.py")];
    }

    private static IEnumerable<(string Section, V1PathChecks Checks, Func<string, IReadOnlyList<ContentGlob>> Expand)> Sections(
        V1PackageContentsTest t, bool noarchPython) =>
        new[] { ("include", t.Include), ("bin", t.Bin), ("lib", t.Lib), ("site_packages", t.SitePackages), ("files", t.Files) }
            .Select(s => (s.Item1, s.Item2, (Func<string, IReadOnlyList<ContentGlob>>)(e => Expand(s.Item1, e, noarchPython))));

    private static string Describe(IReadOnlyList<ContentGlob> globs) => string.Join(", ", globs.Select(g => g.Pattern));
}
