using CondaRecipes.Packaging;
using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>Writes info/ into the staging tree and the archives (one per requested format) beside it.</summary>
public static class PackageStage
{
    /// <returns>The archives written, in <see cref="WorkLayout.ArchiveDir"/>.</returns>
    public static IReadOnlyList<string> Run(VariantBuildRequest r, WorkLayout layout, FinalRequirements requirements, IBuildLog log)
    {
        var metadata = Metadata(r, requirements);
        InfoWriter.Write(layout.StagingDir, metadata, layout.HostPrefix);
        Directory.CreateDirectory(layout.ArchiveDir);
        var archives = new List<string>();
        foreach (var ext in r.Formats)
        {
            var path = Path.Combine(layout.ArchiveDir, r.Rendered.FileNameFor(ext));
            var options = new ArchiveWriteOptions { ZstdLevel = r.ZstdLevel };
            if (ext == ".conda") CondaArchiveWriter.Write(layout.StagingDir, path, options);
            else TarBz2ArchiveWriter.Write(layout.StagingDir, path, options);
            log.Info($"packaged {Path.GetFileName(path)} ({new FileInfo(path).Length / 1024.0:F0} KiB)");
            archives.Add(path);
        }
        return archives;
    }

    /// <summary>The package's depends and constrains: its run requirements with pins and run_exports applied.</summary>
    public static FinalRequirements FinalRequirements(VariantBuildRequest r, ResolvedEnvironments resolved)
    {
        var variant = new Dictionary<string, string>(r.VariantVariables, StringComparer.Ordinal);
        if (r.PythonVersion is { } py) variant.TryAdd("python", py);
        return RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = r.Rendered.Recipe.Requirements, Build = r.Rendered.Recipe.Build,
            UsesCompilerFunction = r.Rendered.UsesCompilerFunction, Environments = resolved,
            PinRunAsBuild = r.Rendered.PinRunAsBuild, Variant = variant, RecipeFile = r.Rendered.TemplatePath,
            TestRequires = r.Rendered.Recipe.Test.Requires,
        });
    }

    public static PackageMetadata Metadata(VariantBuildRequest r, FinalRequirements requirements)
    {
        var rendered = r.Rendered;
        var recipe = rendered.Recipe;
        var testDir = Path.Combine(r.RecipeDir);
        return new PackageMetadata
        {
            Name = recipe.Package.Name,
            Version = recipe.Package.Version,
            Build = rendered.BuildString,
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
                Weak = recipe.Build.RunExports.Weak, Strong = recipe.Build.RunExports.Strong, Noarch = recipe.Build.RunExports.Noarch,
                WeakConstrains = recipe.Build.RunExports.WeakConstrains, StrongConstrains = recipe.Build.RunExports.StrongConstrains,
            },
            EntryPoints = recipe.Build.EntryPoints,
            RenderedRecipe = rendered.RenderedText,
            OriginalRecipe = rendered.TemplateText,
            RecipeFiles = RecipeFiles(r.RecipeDir, rendered.TemplatePath),
            Test = new TestSpec
            {
                Commands = recipe.Test.Commands,
                Imports = recipe.Test.Imports,
                Requires = requirements.TestRequires,
                RunTestPy = ReadIfExists(Path.Combine(testDir, "run_test.py")),
                RunTestSh = ReadIfExists(Path.Combine(testDir, "run_test.sh")),
                Files = recipe.Test.Files.Select(f => new MetadataFile(Path.Combine(r.RecipeDir, f), f)).ToList(),
            },
            HashInput = rendered.UsedVariables,
            NoLink = recipe.Build.NoLink.ToHashSet(),
        };
    }

    /// <summary>The recipe folder's files other than meta.yaml (written separately), for info/recipe/.</summary>
    private static IReadOnlyList<MetadataFile> RecipeFiles(string recipeDir, string templatePath) =>
        Directory.EnumerateFiles(recipeDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFullPath(f) != Path.GetFullPath(templatePath))
            .Select(f => new MetadataFile(f, Path.GetRelativePath(recipeDir, f).Replace('\\', '/')))
            .ToList();

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
