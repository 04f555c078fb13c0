using CondaRecipes.Diagnostics;
using CondaRecipes.Files;
using CondaRecipes.Pipeline;
using CondaRecipes.Planning;

namespace CondaRecipes.Tests.Planning;

/// <summary>The variant work-folder lock as the planner takes it: its place, its timeout property and its coded errors.</summary>
public class VariantLockTests
{
    private sealed class RecordingLog : IBuildLog
    {
        public List<string> Summaries { get; } = [];
        public void Summary(string message) => Summaries.Add(message);
        public void Info(string message) { }
        public void Detail(string message) { }
        public void Warn(Diagnostic diagnostic) { }
    }

    [TestCase("", null)]
    [TestCase("infinite", null)]
    [TestCase("Infinite", null)]
    [TestCase("0", 0.0)]
    [TestCase("600", 600.0)]
    [TestCase("2.5", 2.5)]
    public void The_timeout_is_seconds_or_infinite(string text, double? seconds) =>
        Assert.That(VariantLock.ParseTimeout(text, "/p/x.proj"), Is.EqualTo(seconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null));

    [TestCase("soon")]
    [TestCase("-1")]
    [TestCase("1e12")]
    public void A_bad_timeout_is_CR8004_naming_the_property(string text)
    {
        var e = Assert.Throws<CondaRecipesException>(() => VariantLock.ParseTimeout(text, "/p/x.proj"));
        Assert.That(e!.Code, Is.EqualTo("CR8004"));
        Assert.That(e.Message, Does.Contain("CondaVariantLockTimeout").And.Contain(text));
        Assert.That(e.File, Is.EqualTo("/p/x.proj"));
    }

    [Test]
    public async Task A_variant_held_past_the_timeout_is_CR8002_naming_the_holder()
    {
        var work = Directory.CreateTempSubdirectory("cr-vlock-").FullName;
        try
        {
            var project = new RecipeProject
            {
                ProjectFile = Path.Combine(work, "demo.proj"), RecipeName = "demo", RecipeDir = work, OutputDir = Path.Combine(work, "output"),
                WorkDir = work, VariantLockTimeout = TimeSpan.FromSeconds(0.3),
            };
            var variant = new VariantRequest("py3.12", "PY_VER=3.12", [], "3.12");
            Assert.That(project.LockPath(variant), Is.EqualTo(Path.Combine(work, "demo", "locks", "py3.12.lock")));
            using var other = LockFile.TryAcquire(project.LockPath(variant));
            var log = new RecordingLog();

            var e = Assert.ThrowsAsync<CondaRecipesException>(() => VariantLock.AcquireAsync(project, variant, log, CancellationToken.None));
            Assert.That(e!.Code, Is.EqualTo("CR8002"));
            Assert.That(e.Message, Does.Contain($"pid {Environment.ProcessId}").And.Contain("CondaVariantLockTimeout"));
            Assert.That(log.Summaries.Single(), Does.StartWith("waiting for another build of this variant ("));

            other!.Dispose();
            var (held, waited) = await VariantLock.AcquireAsync(project, variant, log, CancellationToken.None);
            using (held) Assert.That(waited, Is.False);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
