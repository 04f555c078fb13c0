using CondaRecipes.Pipeline;
using CondaRecipes.Planning;
using CondaRecipes.Recipes;
using CondaRecipes.Tests.Recipes;

namespace CondaRecipes.Tests.Planning;

/// <summary>The planner's decision with an engine that names its packages only when it builds (as conda-build does).</summary>
public class VariantPlannerTests
{
    /// <summary>An engine whose package names come from an answer recorded per inputs hash, and whose setting enters the hash.</summary>
    private sealed class RecordingEngine(string setting) : IVariantEngine
    {
        public Dictionary<string, IReadOnlyList<string>> Answers { get; } = [];
        public string Name => "recording";
        public IReadOnlyDictionary<string, string> FingerprintSettings(VariantRequest variant) => new Dictionary<string, string> { ["setting"] = setting };
        public IReadOnlyList<string>? KnownPackages(RenderedRecipe rendered, string inputsHash) => Answers.GetValueOrDefault(inputsHash);
        public IVariantBuild Start(VariantPlan plan, IBuildLog log) => throw new NotSupportedException();
    }

    private static readonly VariantRequest Variant = new("py3.11", "PY_VER=3.11", [], "3.11");

    [Test]
    public void Unknown_packages_are_missing_until_built_then_their_stamp_decides()
    {
        using var recipe = new RecipeDirectory("package:\n  name: demo\n  version: \"1.0\"\n");
        var work = Directory.CreateTempSubdirectory("cr-plan-").FullName;
        try
        {
            var project = new RecipeProject { ProjectFile = Path.Combine(work, "demo.proj"), RecipeName = "demo", RecipeDir = recipe.Path, OutputDir = Path.Combine(work, "output"), WorkDir = work };
            var engine = new RecordingEngine("one");
            var planner = new VariantPlanner(project, engine);

            var first = planner.Plan(Variant);
            Assert.That((first.Status, first.Reason, first.Packages), Is.EqualTo((VariantStatus.Missing, "never built", (IReadOnlyList<string>)[])));

            // What a build leaves: the package, the engine's answer for these inputs, the stamp.
            var package = Path.Combine(work, "output", "linux-64", "demo-1.0-0.conda");
            Directory.CreateDirectory(Path.GetDirectoryName(package)!);
            File.WriteAllText(package, "archive");
            engine.Answers[first.InputsHash] = [package];
            BuildStamp.Write(first.StampPath, [package], first.InputsHash);
            var built = planner.Plan(Variant);
            Assert.That((built.Status, built.Packages), Is.EqualTo((VariantStatus.UpToDate, (IReadOnlyList<string>)[package])));

            // Another engine setting is another inputs hash: out of date, and the last build's files are shown.
            var changed = new VariantPlanner(project, new RecordingEngine("two")).Plan(Variant);
            Assert.That(changed.InputsHash, Is.Not.EqualTo(first.InputsHash));
            Assert.That((changed.Status, changed.Reason, changed.Packages), Is.EqualTo((VariantStatus.OutOfDate, "inputs changed", (IReadOnlyList<string>)[package])));

            File.Delete(package);
            Assert.That(planner.Plan(Variant).Status, Is.EqualTo(VariantStatus.Missing));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test]
    public void A_skipped_variant_has_no_packages_and_needs_no_build()
    {
        using var recipe = new RecipeDirectory("package:\n  name: demo\n  version: \"1.0\"\nbuild:\n  skip: true\n");
        var project = new RecipeProject { ProjectFile = "/p/demo.proj", RecipeName = "demo", RecipeDir = recipe.Path, OutputDir = "/p/output", WorkDir = "/p/work" };
        var plan = new VariantPlanner(project, new RecordingEngine("one")).Plan(Variant);
        Assert.That((plan.Status, plan.NeedsBuild, plan.Packages.Count, plan.StatusText), Is.EqualTo((VariantStatus.Skipped, false, 0, "skipped: build/skip is true (meta.yaml:5 skip: true)")));
    }
}
