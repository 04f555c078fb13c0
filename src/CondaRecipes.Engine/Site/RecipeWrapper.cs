using CondaRecipes.Diagnostics;
using CondaRecipes.Files;

namespace CondaRecipes.Site;

/// <summary>
/// Turns existing recipe folders (meta.yaml or recipe.yaml) into recipe projects: one project per folder, with a ProjectReference
/// to each project whose recipe produces a package it requires (so they build in that order), and the Python axis
/// where the recipe's own variant files leave it to conda-build's interpreter. Everything else of the
/// matrix the SDK reads from that file itself. Recipe folders are only read. Every project is checked before the
/// first is written, so a failure leaves nothing half-done.
/// </summary>
public static class RecipeWrapper
{
    public static IReadOnlyList<WrappedRecipe> Wrap(WrapRequest request)
    {
        var recipeDirs = RecipeFolderScanner.Find(request.Source);
        string projectDir = Path.GetFullPath(request.ProjectDir);
        var inspected = recipeDirs.Select(dir => (Dir: dir, Project: Path.Combine(projectDir, Path.GetFileName(dir) + ".proj"),
            Info: RecipeInspector.Inspect(dir, request.Pythons, request.Environment, request.Subdir))).ToList();

        foreach (var group in inspected.GroupBy(r => r.Project, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new CondaRecipesException(SiteErrorCodes.WrapProjectExists,
                $"The recipe folders {string.Join(" and ", group.Select(g => $"'{g.Dir}'"))} would both become '{group.Key}'.", group.First().Dir, 0,
                "Wrap them into different project folders (CondaWrapProjectDir), one call each.");
        if (!request.Overwrite && inspected.FirstOrDefault(r => File.Exists(r.Project)) is { Project: not null } existing)
            throw new CondaRecipesException(SiteErrorCodes.WrapProjectExists,
                $"The recipe project '{existing.Project}' exists already; nothing was written.", existing.Project, 0,
                "Remove it, or pass -p:CondaWrapOverwrite=true to replace the projects.");

        var producer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in inspected)
            foreach (var package in r.Info.Packages)
                if (producer.TryGetValue(package, out var other) && other != r.Project)
                    throw new CondaRecipesException(SiteErrorCodes.WrapAmbiguousPackage,
                        $"The package '{package}' is produced by the recipes of both '{other}' and '{r.Project}'.", r.Dir, 0,
                        "Wrap one of the two recipe folders only.");
                else producer[package] = r.Project;

        var wrapped = inspected.Select(r => new WrappedRecipe(r.Dir, r.Project, r.Info.Packages, r.Info.Requirements,
            r.Info.Requirements.Where(producer.ContainsKey).Select(p => producer[p]).Where(p => p != r.Project)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            r.Info.NeedsPython && !r.Info.ConfigSetsPython ? request.Pythons : [])).ToList();
        BuildOrder.Check(wrapped);

        Directory.CreateDirectory(projectDir);
        foreach (var r in wrapped)
            AtomicFile.WriteAllText(r.ProjectPath, RecipeProjectText.For(r));
        return wrapped;
    }
}
