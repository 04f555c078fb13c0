using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;
using CondaRecipes.Packaging;
using CondaRecipes.Recipes;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Finds the files the build added to the host prefix (with the console scripts of <c>build/entry_points</c>);
/// for each output, fixes the shebangs of its files, applies the RPATH policy and the linkage check to the ELF
/// files among them, and copies them into the output's staging tree — in conda's <c>noarch: python</c>
/// layout for such a package.
/// </summary>
public static class CollectStage
{
    /// <summary>The files the build added to (or changed in) the host prefix since <paramref name="before"/>.</summary>
    public static IReadOnlyList<string> NewFiles(WorkLayout layout, PrefixSnapshot before) =>
        PrefixSnapshot.Take(layout.HostPrefix).NewOrChangedSince(before).Where(IsPackaged).ToList();

    /// <summary>
    /// Writes the console scripts of the top level's <c>build/entry_points</c> into the host prefix, as conda-build
    /// does after the build script, so they are among the new files. Written with the host prefix as interpreter
    /// and left so: prefix replacement relocates them at install.
    /// </summary>
    public static void WriteEntryPoints(VariantBuildRequest r, WorkLayout layout)
    {
        var build = r.Rendered.Recipe.Build;
        BuildEntryPoints.Write(layout.HostPrefix, build.Noarch, PythonEntryPoint.ParseAll(build.EntryPoints, r.Rendered.TemplatePath));
    }

    /// <summary>Fixes shebangs, relocates and stages one output's files into <paramref name="stagingDir"/>.</summary>
    /// <param name="runDependencyFiles">Files of the recipe's other outputs this output depends on at run time:
    /// the linkage check finds libraries there as it finds them in run dependencies.</param>
    public static void Run(VariantBuildRequest r, WorkLayout layout, RenderedOutput output, IReadOnlyList<string> files,
        string stagingDir, IBuildLog log, IReadOnlySet<string>? runDependencyFiles = null)
    {
        var entryPoints = PythonEntryPoint.ParseAll(output.Recipe.Build.EntryPoints, r.Rendered.TemplatePath);
        var entryScripts = entryPoints.Select(e => e.ScriptPath).ToHashSet(StringComparer.Ordinal);
        // A recipe without a build script (a metapackage) is meant to install nothing.
        if (files.Count == 0 && output.Output.Kind == OutputKind.Implicit && ScriptStage.HasScript(r))
            log.Warn(Diagnostic.Warning(BuildErrorCodes.NothingInstalled,
                $"The build of {output.DistName} installed no files into $PREFIX; the package will be empty.",
                r.Rendered.TemplatePath));
        log.Info($"{output.Name}: {files.Count} file{(files.Count == 1 ? "" : "s")} from the host prefix");

        foreach (var rel in files)
        {
            var full = Path.Combine(layout.HostPrefix, rel);
            if (!entryScripts.Contains(rel) && File.Exists(full) && new FileInfo(full).LinkTarget is null && ShebangFixer.FixFile(full, layout.HostPrefix))
                log.Detail($"shebang fixed: {rel}");
        }

        foreach (var rel in SymlinkFixer.MakeRelative(layout.HostPrefix, files))
            log.Detail($"absolute symlink made relative: {rel}");
        Relocate(r, layout, output.Recipe.Build, files, log, runDependencyFiles ?? new HashSet<string>());
        Stage(layout, files, stagingDir);
        if (output.Recipe.Build.Noarch == "python")
        {
            NoarchPythonLayout.Apply(stagingDir, entryPoints, layout.HostPrefix, r.Rendered.TemplatePath);
            log.Info($"{output.Name}: noarch: python layout: site-packages/ and python-scripts/");
        }
    }

    private static void Relocate(VariantBuildRequest r, WorkLayout layout, RecipeBuild build, IReadOnlyList<string> files, IBuildLog log,
        IReadOnlySet<string> runDependencyFiles)
    {
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
            RunDependencyFiles = runDependencyFiles,
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
    private static void Stage(WorkLayout layout, IReadOnlyList<string> files, string stagingDir)
    {
        if (Directory.Exists(stagingDir)) Directory.Delete(stagingDir, recursive: true);
        Directory.CreateDirectory(stagingDir);
        foreach (var rel in files)
        {
            TreeCopier.CopyEntry(Path.Combine(layout.HostPrefix, rel), Path.Combine(stagingDir, rel));
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
