using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;
using CondaRecipes.Packaging;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Takes exactly the files the build added to the host prefix, fixes their shebangs, applies the RPATH
/// policy and the linkage check to the ELF files among them, and copies them into the staging tree.
/// </summary>
public static class CollectStage
{
    public static IReadOnlyList<string> Run(VariantBuildRequest r, WorkLayout layout, PrefixSnapshot before, IBuildLog log)
    {
        var files = PrefixSnapshot.Take(layout.HostPrefix).NewOrChangedSince(before).Where(IsPackaged).ToList();
        if (files.Count == 0)
            log.Warn(Diagnostic.Warning(BuildErrorCodes.NothingInstalled,
                $"The build of {r.Rendered.DistName} installed no files into $PREFIX; the package will be empty.",
                r.Rendered.TemplatePath));
        log.Info($"collected {files.Count} new file{(files.Count == 1 ? "" : "s")} from the host prefix");

        foreach (var rel in files)
        {
            var full = Path.Combine(layout.HostPrefix, rel);
            if (File.Exists(full) && new FileInfo(full).LinkTarget is null && ShebangFixer.FixFile(full, layout.HostPrefix))
                log.Detail($"shebang fixed: {rel}");
        }

        Relocate(r, layout, files, log);
        Stage(layout, files);
        return files;
    }

    private static void Relocate(VariantBuildRequest r, WorkLayout layout, IReadOnlyList<string> files, IBuildLog log)
    {
        var build = r.Rendered.Recipe.Build;
        var whitelist = RpathPolicy.MergeWhitelists(r.SiteRunpathWhitelist, build.HostRunpathWhitelist);
        var diagnostics = new List<Diagnostic>();
        var results = ElfRelocator.Relocate(layout.HostPrefix, files, new RelocationSettings
        {
            HostRunpathWhitelist = whitelist,
            Rpaths = build.Rpaths,
            BinaryRelocation = build.BinaryRelocation,
            BinaryRelocationFiles = build.BinaryRelocationGlobs.Count > 0 ? build.BinaryRelocationGlobs : null,
            Patcher = string.Equals(build.RpathsPatcher, "patchelf", StringComparison.OrdinalIgnoreCase) ? RpathPatcher.Patchelf : RpathPatcher.Auto,
        }, diagnostics);
        foreach (var result in results.Where(x => x.Method != RpathWriteMethod.None))
            log.Detail($"rpath: {result.RelativePath} ({result.Method})");

        diagnostics.AddRange(LinkageChecker.Check(layout.HostPrefix, files, new LinkageSettings
        {
            HostRunpathWhitelist = whitelist,
            MissingDsoWhitelist = build.MissingDsoWhitelist,
            Strict = r.ErrorOverlinking,
        }));

        foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
            log.Warn(d);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new CondaRecipesException(errors[0].Code,
                string.Join("\n", errors.Select(e => e.Message)), errors[0].File ?? r.Rendered.TemplatePath, errors[0].Line,
                "Whitelist the library (build/missing_dso_whitelist), add the package providing it to run requirements, or build without -p:CondaErrorOverlinking=true.");
    }

    /// <summary>Copies the files (symlinks as symlinks, modes kept) into the staging tree.</summary>
    private static void Stage(WorkLayout layout, IReadOnlyList<string> files)
    {
        if (Directory.Exists(layout.StagingDir)) Directory.Delete(layout.StagingDir, recursive: true);
        Directory.CreateDirectory(layout.StagingDir);
        foreach (var rel in files)
        {
            TreeCopier.CopyEntry(Path.Combine(layout.HostPrefix, rel), Path.Combine(layout.StagingDir, rel));
        }
    }

    // Bytecode embeds the build prefix and is recreated on import; conda-build drops it for noarch too.
    // pip's direct_url.json records the build's source folder, which means nothing once installed.
    private static bool IsPackaged(string rel) =>
        !rel.EndsWith(".pyc", StringComparison.Ordinal) && !rel.EndsWith(".pyo", StringComparison.Ordinal)
        && !rel.Contains("__pycache__", StringComparison.Ordinal)
        && !rel.EndsWith(".dist-info/direct_url.json", StringComparison.Ordinal)
        && !rel.StartsWith("conda-meta/", StringComparison.Ordinal) && rel != "conda-meta";
}
