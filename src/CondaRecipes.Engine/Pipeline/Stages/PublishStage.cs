using CondaRecipes.Channels.Index;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Moves tested archives into the channel (a rename on the same file system, else a copy to a temporary
/// name in the channel and a rename — never a half-written package there), re-indexes the subdir under the
/// channel lock, and stamps the variant as up to date.
/// </summary>
public static class PublishStage
{
    public static IReadOnlyList<string> Run(VariantBuildRequest r, IReadOnlyList<string> archives, IBuildLog log)
    {
        var subdirDir = Path.Combine(r.ChannelDir, r.Rendered.Subdir);
        Directory.CreateDirectory(subdirDir);
        var published = new List<string>();
        foreach (var archive in archives)
        {
            var target = Path.Combine(subdirDir, Path.GetFileName(archive));
            AtomicFile.Write(target, output => { using var input = File.OpenRead(archive); input.CopyTo(output); }, durable: true);
            published.Add(target);
        }
        var result = new ChannelIndexer(r.ChannelDir).Index(new[] { r.Rendered.Subdir, "noarch" }.Distinct());
        log.Info($"indexed {r.ChannelDir} ({result.PackageCount} packages)");
        BuildStamp.Write(r.StampPath, published, r.InputsHash);
        return published;
    }
}
