using CondaRecipes.Diagnostics;
using CondaRecipes.Files;
using CondaRecipes.Pipeline;
using CondaRecipes.Planning;
using CondaRecipes.Recipes;
using CondaRecipes.Tests.Recipes;

namespace CondaRecipes.Tests.Planning;

/// <summary>
/// A variant's build as the SDK's stage targets drive it: started by the planner, its steps run one at a time and only
/// in their order, finished once all ran; the variant's lock is held from the start to the finish or the disposal.
/// </summary>
public class VariantBuildSessionTests
{
    private sealed class NullLog : IBuildLog
    {
        public void Summary(string message) { }
        public void Info(string message) { }
        public void Detail(string message) { }
        public void Warn(Diagnostic diagnostic) { }
    }

    /// <summary>An engine with two steps that record what ran and with how many cores; the second publishes one file.</summary>
    private sealed class TwoStepEngine : IVariantEngine
    {
        public List<string> Ran { get; } = [];
        public string Name => "two-step";
        public IReadOnlyDictionary<string, string> FingerprintSettings(VariantRequest variant) => new Dictionary<string, string>();
        public IReadOnlyList<string>? KnownPackages(RenderedRecipe rendered, string inputsHash) => null;
        public IVariantBuild Start(VariantPlan plan, IBuildLog log) => new Build(this);

        private sealed class Build(TwoStepEngine engine) : IVariantBuild
        {
            public IReadOnlyList<VariantBuildStep> Steps =>
            [
                new("first", c => { engine.Ran.Add($"first x{c.CpuCount}"); return Task.CompletedTask; }),
                new("second", c => { engine.Ran.Add($"second x{c.CpuCount}"); Published = ["/channel/noarch/demo-1.0-0.conda"]; return Task.CompletedTask; }),
            ];
            public IReadOnlyList<string> Published { get; private set; } = [];
        }
    }

    private static readonly VariantRequest Variant = new("py3.11", "PY_VER=3.11", [], "3.11");

    /// <summary>A recipe and a work folder, with a planner over the two-step engine; removed when disposed.</summary>
    private sealed class Fixture : IDisposable
    {
        private readonly RecipeDirectory _recipe = new("package:\n  name: demo\n  version: \"1.0\"\n");
        private readonly string _work = Directory.CreateTempSubdirectory("cr-session-").FullName;

        public Fixture()
        {
            Project = new RecipeProject
            {
                ProjectFile = Path.Combine(_work, "demo.proj"), RecipeName = "demo", RecipeDir = _recipe.Path,
                OutputDir = Path.Combine(_work, "output"), WorkDir = _work, VariantLockTimeout = TimeSpan.Zero,
            };
            Planner = new VariantPlanner(Project, Engine);
        }

        public RecipeProject Project { get; }
        public TwoStepEngine Engine { get; } = new();
        public VariantPlanner Planner { get; }

        public async Task<VariantBuildSession?> StartAsync() =>
            (await Planner.StartAsync(Variant, force: false, new NullLog(), CancellationToken.None)).Session;

        public void Dispose()
        {
            _recipe.Dispose();
            Directory.Delete(_work, recursive: true);
        }
    }

    private static VariantStepContext Cores(int n) => new(new NullLog(), n, CancellationToken.None);

    [Test]
    public async Task Steps_run_in_their_order_with_the_cores_given_and_the_finish_releases_the_lock()
    {
        using var f = new Fixture();
        var start = await f.Planner.StartAsync(Variant, force: false, new NullLog(), CancellationToken.None);
        Assert.That(start.Finished, Is.Null, "a variant never built is built");
        using var session = start.Session!;
        Assert.That(session.StepNames, Is.EqualTo(new[] { "first", "second" }));
        Assert.That(LockFile.TryAcquire(f.Project.LockPath(Variant)), Is.Null, "the session holds the variant's lock");

        var early = Assert.Throws<CondaRecipesException>(() => session.Finish());
        Assert.That((early!.Code, early.Message), Is.EqualTo(("CR8005", "The build of py3.11 cannot finish: its step 'first' has not run.")));
        var skipped = Assert.ThrowsAsync<CondaRecipesException>(() => session.RunStepAsync("second", Cores(3)));
        Assert.That((skipped!.Code, skipped.Message), Is.EqualTo(("CR8005", "The build of py3.11 cannot run its step 'second' now: the next step is 'first'.")));

        await session.RunStepAsync("first", Cores(3));
        await session.RunStepAsync("second", Cores(5));
        var again = Assert.ThrowsAsync<CondaRecipesException>(() => session.RunStepAsync("second", Cores(5)));
        Assert.That(again!.Message, Does.EndWith("every step has run."));

        var outcome = session.Finish();
        Assert.That(f.Engine.Ran, Is.EqualTo(new[] { "first x3", "second x5" }));
        Assert.That((outcome.Built, outcome.Packages.Single()), Is.EqualTo((true, "/channel/noarch/demo-1.0-0.conda")));
        using var free = LockFile.TryAcquire(f.Project.LockPath(Variant));
        Assert.That(free, Is.Not.Null, "finishing released the lock");
    }

    [Test]
    public async Task A_session_disposed_after_a_failed_step_releases_the_lock_and_runs_nothing_more()
    {
        using var f = new Fixture();
        var session = (await f.StartAsync())!;
        await session.RunStepAsync("first", Cores(1));
        session.Dispose();

        using (var free = LockFile.TryAcquire(f.Project.LockPath(Variant)))
            Assert.That(free, Is.Not.Null, "disposing released the lock");
        var ended = Assert.ThrowsAsync<CondaRecipesException>(() => session.RunStepAsync("second", Cores(1)));
        Assert.That(ended!.Message, Does.EndWith("its build has ended."));
        Assert.That(f.Engine.Ran, Is.EqualTo(new[] { "first x1" }));

        // The next build of the variant starts afresh.
        using var next = await f.StartAsync();
        Assert.That(next, Is.Not.Null);
    }
}
