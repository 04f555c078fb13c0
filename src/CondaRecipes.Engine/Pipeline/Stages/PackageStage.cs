using CondaRecipes.Pipeline.Outputs;
using CondaRecipes.Packaging;
using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>Writes info/ into an output's staging tree and its archives (one per requested format).</summary>
public static class PackageStage
{
    /// <returns>The archives written, in <see cref="WorkLayout.ArchiveDir"/>/subdir.</returns>
    public static IReadOnlyList<string> Run(VariantBuildRequest r, WorkLayout layout, RenderedOutput output, FinalRequirements requirements, IBuildLog log)
    {
        if (RecipeFormat.TryFind(r.RecipeDir) is { Kind: RecipeFormatKind.RecipeYaml })
            V1LicenseFiles.Check(output.Recipe.About.LicenseFiles, layout.SrcDir, r.RecipeDir, r.Rendered.TemplatePath, r.Rendered.TemplateText);
        var staging = layout.StagingDirFor(output.Name);
        Directory.CreateDirectory(staging);
        InfoWriter.Write(staging, Metadata(r, output, requirements), layout.HostPrefix);
        var dir = Path.Combine(layout.ArchiveDir, output.Subdir);
        Directory.CreateDirectory(dir);
        var archives = new List<string>();
        foreach (var ext in r.Formats)
        {
            var path = Path.Combine(dir, output.FileNameFor(ext));
            var options = new ArchiveWriteOptions { ZstdLevel = r.ZstdLevel };
            if (ext == ".conda") CondaArchiveWriter.Write(staging, path, options);
            else TarBz2ArchiveWriter.Write(staging, path, options);
            log.Info($"packaged {Path.GetFileName(path)} ({new FileInfo(path).Length / 1024.0:F0} KiB)");
            archives.Add(path);
        }
        return archives;
    }

    /// <summary>One output's depends and constrains: its run requirements with pins and run_exports applied.</summary>
    public static FinalRequirements FinalRequirements(VariantBuildRequest r, RenderedOutput output, ResolvedEnvironments resolved)
    {
        var variant = VariantValues.WithDefaults(r.VariantVariables, r.PythonVersion, r.Rendered.Subdir);
        var recipe = output.Recipe;
        return RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = recipe.Requirements, Build = recipe.Build,
            UsesCompilerFunction = r.Rendered.UsesCompilerFunction, Environments = resolved,
            PinRunAsBuild = r.Rendered.PinRunAsBuild, Variant = variant, RecipeFile = r.Rendered.TemplatePath,
            TestRequires = recipe.Test.Requires,
            RunExportLine = spec => RunExportLine(r.Rendered, spec),
        });
    }

    /// <summary>The template line of a run_exports entry: the first rendered line holding it below a run_exports key.</summary>
    private static int RunExportLine(RenderedRecipe rendered, string spec)
    {
        var lines = rendered.RenderedText.Split('\n');
        int section = Array.FindIndex(lines, l => l.TrimStart().StartsWith("run_exports:", StringComparison.Ordinal));
        int index = section < 0 ? -1 : Array.FindIndex(lines, section, l => l.Contains(spec, StringComparison.Ordinal));
        return index < 0 ? 0 : rendered.LineMap.ToTemplateLine(index + 1);
    }

    public static PackageMetadata Metadata(VariantBuildRequest r, RenderedOutput output, FinalRequirements requirements)
    {
        var rendered = r.Rendered;
        var recipe = output.Recipe;
        var testDir = Path.Combine(r.RecipeDir);
        // The recipe folder's run_test.* belong to the top-level package; other outputs name theirs in test/script.
        bool topLevel = output.Output.Kind is OutputKind.Implicit or OutputKind.TopLevelName;
        string? script = recipe.Test.Script;
        bool v1 = RecipeFormat.TryFind(r.RecipeDir)?.Kind == RecipeFormatKind.RecipeYaml;
        return new PackageMetadata
        {
            Name = recipe.Package.Name,
            Version = recipe.Package.Version,
            Build = output.BuildString,
            BuildNumber = recipe.Build.Number,
            Depends = requirements.Depends,
            Constrains = requirements.Constrains,
            Subdir = r.PlatformSubdir,
            Noarch = recipe.Build.Noarch,
            License = recipe.About.License,
            LicenseFamily = recipe.About.LicenseFamily,
            About = new AboutInfo
            {
                Summary = recipe.About.Summary, Description = recipe.About.Description, Home = recipe.About.Home,
                DevUrl = recipe.About.DevUrl, DocUrl = recipe.About.DocUrl, License = recipe.About.License,
                LicenseFamily = recipe.About.LicenseFamily, LicenseFile = recipe.About.LicenseFiles.FirstOrDefault(),
                Channels = [new Uri(Path.GetFullPath(r.ChannelDir)).AbsoluteUri],
            },
            RunExports = new CondaRecipes.Packaging.RunExports
            {
                Weak = requirements.RunExports.Weak, Strong = requirements.RunExports.Strong, Noarch = requirements.RunExports.Noarch,
                WeakConstrains = requirements.RunExports.WeakConstrains, StrongConstrains = requirements.RunExports.StrongConstrains,
            },
            EntryPoints = recipe.Build.EntryPoints,
            RenderedRecipe = v1 ? V1RecordedRecipe.Text(rendered, output, requirements) : RecordedRecipe.Text(rendered, output, requirements),
            OriginalRecipe = rendered.TemplateText,
            RecipeFileNames = v1 ? ("rendered_recipe.yaml", "recipe.yaml") : ("meta.yaml", "meta.yaml.template"),
            RecipeFiles = RecipeFiles(r.RecipeDir, rendered.TemplatePath),
            Test = new TestSpec
            {
                Commands = recipe.Test.Commands,
                Imports = recipe.Test.Imports,
                Requires = requirements.TestRequires,
                RunTestPy = script?.EndsWith(".py", StringComparison.Ordinal) == true ? ReadIfExists(Path.Combine(testDir, script))
                    : topLevel ? ReadIfExists(Path.Combine(testDir, "run_test.py")) : null,
                RunTestSh = script?.EndsWith(".sh", StringComparison.Ordinal) == true ? ReadIfExists(Path.Combine(testDir, script))
                    : topLevel ? ReadIfExists(Path.Combine(testDir, "run_test.sh")) : null,
                Files = TestFiles(r.RecipeDir, recipe.Test.Files),
            },
            TestsYaml = output.Output.V1Tests is { } v1Tests ? Recipes.V1.Tests.PackagedTests.Text(v1Tests) : null,
            HashInput = output.UsedVariables,
            NoLink = recipe.Build.NoLink.ToHashSet(),
            PrefixFiles = new PrefixFileRules
            {
                HasPrefixFiles = recipe.Build.HasPrefixFiles, BinaryHasPrefixFiles = recipe.Build.BinaryHasPrefixFiles,
                IgnorePrefixFiles = recipe.Build.IgnorePrefixFiles, IgnoreAll = recipe.Build.IgnoreAllPrefixFiles,
                DetectBinaryFiles = recipe.Build.DetectBinaryFilesWithPrefix,
            },
        };
    }

    /// <summary>The recipe folder's files other than meta.yaml (written separately), for info/recipe/.</summary>
    private static IReadOnlyList<MetadataFile> RecipeFiles(string recipeDir, string templatePath) =>
        Directory.EnumerateFiles(recipeDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFullPath(f) != Path.GetFullPath(templatePath))
            .Select(f => new MetadataFile(f, Path.GetRelativePath(recipeDir, f).Replace('\\', '/')))
            .ToList();

    /// <summary>
    /// <c>test/files</c> as conda-build copies them: each entry a glob relative to the recipe folder, a folder
    /// bringing every file beneath it. An entry that matches nothing is kept as written, so the writer reports
    /// it missing (CR4012).
    /// </summary>
    internal static IReadOnlyList<MetadataFile> TestFiles(string recipeDir, IReadOnlyList<string> entries)
    {
        if (entries.Count == 0) return [];
        var all = Directory.EnumerateFiles(recipeDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(recipeDir, f).Replace('\\', '/')).ToList();
        return entries
            .SelectMany(entry => PrefixGlob.Select(all, [entry]) is { Count: > 0 } matched ? matched : [entry.Trim()])
            .Distinct(StringComparer.Ordinal)
            .Select(rel => new MetadataFile(Path.Combine(recipeDir, rel), rel))
            .ToList();
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
