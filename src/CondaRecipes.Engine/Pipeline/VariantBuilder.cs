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
/// output → publish. Each stage is its own class; this one only orders them, as <see cref="Steps"/>, and carries
/// what one stage hands the next. Nothing reaches the channel unless every stage succeeded.
/// </summary>
public sealed class VariantBuilder : IVariantBuild
{
    private VariantBuildRequest _r;
    private readonly WorkLayout _layout;
    private PreparedEnvironments? _environments;
    private IReadOnlyList<string> _built = [];
    private readonly List<(RenderedOutput Output, string Archive, FinalRequirements Requirements)> _archives = [];

    /// <summary>Starts the build in a fresh work folder.</summary>
    public VariantBuilder(VariantBuildRequest request, IBuildLog log)
    {
        _r = request;
        _layout = new WorkLayout(request.WorkDir, request.RecipeName, request.VariantId, request.LogDir);
        _layout.Reset();
        log.Info($"building {request.Rendered.DistName} in {_layout.Root}");
    }

    public IReadOnlyList<VariantBuildStep> Steps =>
    [
        new(VariantStepNames.Source, SourceAsync),
        new(VariantStepNames.Environments, EnvironmentsAsync),
        new(VariantStepNames.Script, ScriptAsync),
        new(VariantStepNames.Packages, PackagesAsync),
        new(VariantStepNames.Tests, TestsAsync),
        new(VariantStepNames.Publish, PublishAsync),
    ];

    public IReadOnlyList<string> Published { get; private set; } = [];

    /// <summary>Every step in order, in one call (a caller that does not show the steps apart).</summary>
    public static async Task<IReadOnlyList<string>> BuildAsync(VariantBuildRequest request, IBuildLog log, CancellationToken ct)
    {
        var builder = new VariantBuilder(request, log);
        foreach (var step in builder.Steps)
            await step.RunAsync(new VariantStepContext(log, request.CpuCount, ct)).ConfigureAwait(false);
        return builder.Published;
    }

    private async Task SourceAsync(VariantStepContext c)
    {
        Stage(c, VariantStepNames.Source);
        await SourceStage.RunAsync(Request(c), _layout, c.Log, c.Cancellation);
        _r = await SourceStage.RenderAgainAsync(Request(c), _layout, c.Log, c.Cancellation);
    }

    private async Task EnvironmentsAsync(VariantStepContext c)
    {
        Stage(c, VariantStepNames.Environments);
        _environments = await EnvironmentStage.RunAsync(Request(c), _layout, c.Log, c.Cancellation);
        _r = _r with { InstalledPackages = InstalledPackage.From(_environments.Resolved) };
    }

    private async Task ScriptAsync(VariantStepContext c)
    {
        Stage(c, VariantStepNames.Script);
        var environments = Environments;
        var before = PrefixSnapshot.Take(_layout.HostPrefix);
        await ScriptStage.RunAsync(Request(c), _layout, environments.Python, c.Log, c.Cancellation, environments.Resolved);
        CollectStage.WriteEntryPoints(_r, _layout);
        _built = CollectStage.NewFiles(_layout, before);
    }

    /// <summary>One build of the source, then each output is made from it and packaged, in dependency order.</summary>
    private async Task PackagesAsync(VariantStepContext c)
    {
        Stage(c, VariantStepNames.Packages);
        var environments = Environments;
        var made = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var output in _r.Rendered.Outputs)
        {
            made[output.Name] = await OutputFilesStage.RunAsync(Request(c), _layout, output, _built, made, environments.Python, c.Log, c.Cancellation, environments.Resolved);
            var requirements = PackageStage.FinalRequirements(_r, output, environments.Resolved);
            _archives.AddRange(PackageStage.Run(_r, _layout, output, requirements, c.Log).Select(a => (output, a, requirements)));
        }
        new ChannelIndexer(_layout.ArchiveDir).Index(_archives.Select(a => a.Output.Subdir).Append("noarch").Distinct());
    }

    private async Task TestsAsync(VariantStepContext c)
    {
        Stage(c, VariantStepNames.Tests);
        if (_r.SkipTests)
            c.Log.Info("tests skipped (CondaSkipTests=true)");
        else
            foreach (var (output, archive, requirements) in _archives)
                await TestStage.RunAsync(Request(c), _layout, Environments.Python, output, archive, c.Log, c.Cancellation, requirements);
    }

    private async Task PublishAsync(VariantStepContext c)
    {
        c.Cancellation.ThrowIfCancellationRequested();
        Stage(c, VariantStepNames.Publish);
        Published = await PublishStage.RunAsync(_r, _archives.Select(a => a.Archive).ToList(), c.Log, c.Cancellation);
        c.Log.Summary($"{string.Join(", ", Published.Select(Path.GetFileName))} -> {_r.ChannelDir}");
    }

    /// <summary>The request with the cores granted to the step running now (CPU_COUNT of its scripts).</summary>
    private VariantBuildRequest Request(VariantStepContext c) => _r = _r with { CpuCount = c.CpuCount };

    private PreparedEnvironments Environments =>
        _environments ?? throw new InvalidOperationException("The environments step has not run yet.");

    /// <summary>
    /// The stage a variant enters, at high importance: redirected output (CI) shows where each running variant is; the
    /// terminal logger shows the stage's target instead.
    /// </summary>
    private static void Stage(VariantStepContext c, string name) => c.Log.Summary(StageLine.For(name));
}
