using CondaRecipes.Channels.Index;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Moves the tested archives of all outputs into the channel (a rename on the same file system, else a copy to a temporary
/// name in the channel and a rename — never a half-written package there), re-indexes the subdir under the
/// channel lock, and stamps the variant as up to date.
/// </summary>
public static class PublishStage
{
    public static IReadOnlyList<string> Run(VariantBuildRequest r, IReadOnlyList<string> archives, IBuildLog log)
    {
        var recipeHash = new InputsFingerprint().AddSdkIdentity().AddDirectory("recipe", r.RecipeDir).Compute();
        var published = new List<string>();
        var subdirs = new List<string> { "noarch" };
        foreach (var archive in archives)
        {
            // Archives lie in their subdir (linux-64/, noarch/) under the variant's archive folder.
            var subdir = Path.GetFileName(Path.GetDirectoryName(archive)!);
            subdirs.Add(subdir);
            var subdirDir = Path.Combine(r.ChannelDir, subdir);
            Directory.CreateDirectory(subdirDir);
            var target = Path.Combine(subdirDir, Path.GetFileName(archive));
            if (SharedPackages.PublishedBySibling(r.StampPath, target, recipeHash))
            {
                log.Info($"{Path.GetFileName(archive)}: already published by another variant of this recipe; kept");
                published.Add(target);
                continue;
            }
            AtomicFile.Write(target, output => { using var input = File.OpenRead(archive); input.CopyTo(output); }, durable: true);
            published.Add(target);
        }
        var result = new ChannelIndexer(r.ChannelDir).Index(subdirs.Distinct());
        log.Info($"indexed {r.ChannelDir} ({result.PackageCount} packages)");
        BuildStamp.Write(r.StampPath, published, r.InputsHash, recipeHash, r.InstalledPackages);
        return published;
    }
}
