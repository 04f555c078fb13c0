using CondaRecipes.ExternalCondaBuild;

namespace CondaRecipes.Tests.CondaBuild;

[TestFixture]
public class OutputNameCacheTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestFiles.NewTempDirectory();

    [TearDown]
    public void TearDown() => TestFiles.DeleteQuietly(_dir);

    [Test]
    public async Task Miss_ComputesOnce_ThenHits()
    {
        var cache = new OutputNameCache(Path.Combine(_dir, "names.json"));
        var computed = 0;
        Task<IReadOnlyList<string>> Compute(CancellationToken _)
        {
            computed++;
            return Task.FromResult<IReadOnlyList<string>>(["/out/linux-64/mpi4py-4.0.0-py312_derecho_0.conda"]);
        }

        var first = await cache.GetOrComputeAsync("abc", Compute);
        var second = await cache.GetOrComputeAsync("abc", Compute);

        Assert.That(computed, Is.EqualTo(1));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(new OutputNameCache(Path.Combine(_dir, "names.json")).TryGet("abc"), Is.EqualTo(first));
        Assert.That(cache.TryGet("other"), Is.Null);
    }

    [Test]
    public void CorruptFile_IsAMiss_AndIsRewritten()
    {
        var file = Path.Combine(_dir, "names.json");
        File.WriteAllText(file, "{ not json");
        var cache = new OutputNameCache(file);

        Assert.That(cache.TryGet("abc"), Is.Null);
        cache.Put("abc", ["/out/a.conda"]);
        Assert.That(cache.TryGet("abc"), Is.EqualTo(new[] { "/out/a.conda" }));
    }

    [Test]
    public async Task ParallelWriters_LoseNoEntry()
    {
        var file = Path.Combine(_dir, "obj", "names.json");
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => new OutputNameCache(file).Put($"hash-{i}", [$"/out/p{i}.conda"]))));

        var cache = new OutputNameCache(file);
        Assert.That(Enumerable.Range(0, 16).Select(i => cache.TryGet($"hash-{i}")?.Single()),
            Is.EqualTo(Enumerable.Range(0, 16).Select(i => $"/out/p{i}.conda")));
    }
}
