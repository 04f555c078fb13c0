using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Pipeline.Stages;
using CondaRecipes.Channels.Index;
using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline;

/// <summary>
/// The native engine for one variant (docs/architecture.md, "Stages"): sources → the second render with the
/// source present → environments → the top-level build script, once → its entry points → for each output: its
/// files (its script, its selection, relocation) and package → index of the new archives → tests of every
/// output → publish. Each stage is its own class; this one only orders them. Nothing reaches the channel
/// unless every stage succeeded.
/// </summary>
public static class VariantBuilder
{
    public static async Task<IReadOnlyList<string>> BuildAsync(VariantBuildRequest r, IBuildLog log, CancellationToken ct)
    {
        var layout = new WorkLayout(r.WorkDir, r.RecipeName, r.VariantId, r.LogDir);
        layout.Reset();
        log.Info($"building {r.Rendered.DistName} in {layout.Root}");

        Stage(log, "source");
        await SourceStage.RunAsync(r, layout, log, ct);
        r = await SourceStage.RenderAgainAsync(r, layout, log, ct);
        Stage(log, "environments");
        var environments = await EnvironmentStage.RunAsync(r, layout, log, ct);
        r = r with { InstalledPackages = InstalledPackage.From(environments.Resolved) };
        var python = environments.Python;

        var before = PrefixSnapshot.Take(layout.HostPrefix);
        Stage(log, "build script");
        await ScriptStage.RunAsync(r, layout, python, log, ct, environments.Resolved);
        CollectStage.WriteEntryPoints(r, layout);
        var built = CollectStage.NewFiles(layout, before);

        // One build of the source, then each output is made from it and packaged, in dependency order.
        Stage(log, "packages");
        var archives = new List<(RenderedOutput Output, string Archive, FinalRequirements Requirements)>();
        var made = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var output in r.Rendered.Outputs)
        {
            made[output.Name] = await OutputFilesStage.RunAsync(r, layout, output, built, made, python, log, ct, environments.Resolved);
            var requirements = PackageStage.FinalRequirements(r, output, environments.Resolved);
            archives.AddRange(PackageStage.Run(r, layout, output, requirements, log).Select(a => (output, a, requirements)));
        }
        new ChannelIndexer(layout.ArchiveDir).Index(archives.Select(a => a.Output.Subdir).Append("noarch").Distinct());

        Stage(log, "tests");
        if (r.SkipTests)
            log.Info("tests skipped (CondaSkipTests=true)");
        else
            foreach (var (output, archive, requirements) in archives)
                await TestStage.RunAsync(r, layout, python, output, archive, log, ct, requirements);

        ct.ThrowIfCancellationRequested();
        Stage(log, "publish");
        return PublishStage.Run(r, archives.Select(a => a.Archive).ToList(), log);
    }

    /// <summary>
    /// The stage a variant enters, at high importance: redirected output (CI) shows where each running variant is.
    /// </summary>
    private static void Stage(IBuildLog log, string name) => log.Summary($"stage: {name}");
}
