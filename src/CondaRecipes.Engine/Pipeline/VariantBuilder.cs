using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Pipeline.Stages;

namespace CondaRecipes.Pipeline;

/// <summary>
/// The native engine for one variant (docs/architecture.md, "The path of one variant"): sources → environments →
/// build script → collect and relocate → package → test → publish and index. Each stage is its own class;
/// this one only orders them. Nothing reaches the channel unless every stage succeeded.
/// </summary>
public static class VariantBuilder
{
    public static async Task<IReadOnlyList<string>> BuildAsync(VariantBuildRequest r, IBuildLog log, CancellationToken ct)
    {
        var layout = new WorkLayout(r.WorkDir, r.RecipeName, r.VariantId, r.LogDir);
        layout.Reset();
        log.Info($"building {r.Rendered.DistName} in {layout.Root}");

        await SourceStage.RunAsync(r, layout, log, ct);
        var python = await EnvironmentStage.RunAsync(r, layout, log, ct);

        var before = PrefixSnapshot.Take(layout.HostPrefix);
        await ScriptStage.RunAsync(r, layout, python, log, ct);
        CollectStage.Run(r, layout, before, log);

        var archives = PackageStage.Run(r, layout, log);
        if (r.SkipTests)
            log.Info("tests skipped (CondaSkipTests=true)");
        else
            foreach (var archive in archives)
                await TestStage.RunAsync(r, layout, python, archive, log, ct);

        ct.ThrowIfCancellationRequested();
        return PublishStage.Run(r, archives, log);
    }
}
