using CondaRecipes.Channels.Publishing;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Publishes the tested archives of all outputs into the channel and indexes it as one step under the channel lock
/// (<see cref="ChannelPublisher"/>: never a half-written package there, repodata in step with the files), reports
/// archives the index set aside, and stamps the variant as up to date.
/// </summary>
public static class PublishStage
{
    public static async Task<IReadOnlyList<string>> RunAsync(VariantBuildRequest r, IReadOnlyList<string> archives, IBuildLog log,
        CancellationToken cancellationToken)
    {
        // Variants of one recipe that make the same shared output (SharedPackages) publish one at a time: otherwise two
        // building side by side could both find no sibling's stamp yet, both publish the file, and the first one's stamp
        // would name a file the second replaced.
        var turnPath = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(r.StampPath)!)!, "publish.lock");
        using var turn = await LockFile.AcquireAsync(turnPath, timeout: null, TimeSpan.FromSeconds(30),
            owner => log.Info($"waiting for another variant of this recipe to publish ({owner})"), cancellationToken).ConfigureAwait(false);
        return Run(r, archives, log);
    }

    private static IReadOnlyList<string> Run(VariantBuildRequest r, IReadOnlyList<string> archives, IBuildLog log)
    {
        var recipeHash = new InputsFingerprint().AddSdkIdentity().AddDirectory("recipe", r.RecipeDir).Compute();
        var published = new List<string>();
        var toPublish = new List<PublishItem>();
        foreach (var archive in archives)
        {
            // Archives lie in their subdir (linux-64/, noarch/) under the variant's archive folder.
            var subdir = Path.GetFileName(Path.GetDirectoryName(archive)!);
            var target = Path.Combine(r.ChannelDir, subdir, Path.GetFileName(archive));
            if (SharedPackages.PublishedBySibling(r.StampPath, target, recipeHash))
            {
                log.Info($"{Path.GetFileName(archive)}: already published by another variant of this recipe; kept");
                published.Add(target);
                continue;
            }
            toPublish.Add(new PublishItem(archive, subdir));
            published.Add(target);
        }
        var result = new ChannelPublisher(r.ChannelDir).Publish(toPublish, archives.Select(a => Path.GetFileName(Path.GetDirectoryName(a)!)));
        foreach (var leftover in result.LeftoversRemoved) log.Info($"removed {leftover}, left by an interrupted build");
        foreach (var warning in result.Index.Warnings) log.Warn(warning);
        log.Info($"indexed {r.ChannelDir} ({result.Index.PackageCount} packages)");
        BuildStamp.Write(r.StampPath, published, r.InputsHash, recipeHash, r.InstalledPackages);
        return published;
    }
}
