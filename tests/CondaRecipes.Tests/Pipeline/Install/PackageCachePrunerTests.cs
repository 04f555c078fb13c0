using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Tests.Channels.Publishing;

namespace CondaRecipes.Tests.Pipeline.Install;

public class PackageCachePrunerTests
{
    private string _scratch = null!;
    private string Root => Path.Combine(_scratch, "pkgs");

    [SetUp]
    public void SetUp()
    {
        _scratch = Directory.CreateTempSubdirectory("cr-pkgcache-").FullName;
        _archives.Clear();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_scratch, recursive: true);

    /// <summary>Extracts a package with about 1 MiB of incompressible payload and marks it last used <paramref name="daysAgo"/>.</summary>
    private readonly Dictionary<string, string> _archives = [];

    private string Extract(string name, double daysAgo)
    {
        var archive = _archives[name] = TestPackages.Build(_scratch, Path.Combine(_scratch, "archives"), name, "1.0", bigFileBytes: 1 << 20);
        string dir;
        using (var lease = new PackageCache(Root).Use(archive)) dir = lease.Directory;
        File.SetLastWriteTimeUtc(dir + ".use", DateTime.UtcNow.AddDays(-daysAgo));
        return dir;
    }

    [Test]
    public void Least_recently_used_entries_go_until_the_cache_fits_and_an_entry_in_use_is_kept()
    {
        var oldest = Extract("a", 4);
        var older = Extract("b", 3);
        var old = Extract("c", 2);
        var recent = Extract("d", 1);
        var entrySize = long.Parse(File.ReadAllText(recent + ".size"));
        Assert.That(entrySize, Is.GreaterThan(1 << 20), "the recorded size counts the payload");

        // A build that took the oldest entry days ago is still running (taking the lease marked it used then).
        using var lease = new PackageCache(Root).Use(_archives["a"]);
        Assert.That(lease.Directory, Is.EqualTo(oldest));
        File.SetLastWriteTimeUtc(oldest + ".use", DateTime.UtcNow.AddDays(-4));

        var result = PackageCachePruner.Prune(Root, new PackageCacheLimits(MaxBytes: entrySize * 2 + entrySize / 2, MaxAge: null));

        Assert.That(result.InUse, Is.EqualTo(new[] { oldest }));
        Assert.That(result.Removed, Is.EqualTo(new[] { older, old }), "least recently used first, until two and a half entries fit");
        Assert.That(Directory.Exists(oldest) && Directory.Exists(recent));
        Assert.That(Directory.Exists(older) || Directory.Exists(old) || File.Exists(older + ".use") || File.Exists(old + ".size"), Is.False);
        Assert.That(result.RemainingBytes, Is.EqualTo(entrySize * 2));
        Assert.That(Directory.EnumerateDirectories(Root, ".*"), Is.Empty, "nothing renamed aside is left");
    }

    [Test]
    public void Entries_unused_for_longer_than_the_age_limit_go_and_a_removed_entry_is_extracted_again_on_use()
    {
        var stale = Extract("stale", 40);
        var fresh = Extract("fresh", 0);
        var result = PackageCachePruner.Prune(Root, PackageCacheLimits.Parse("", ""));
        Assert.That(result.Removed, Is.EqualTo(new[] { stale }));
        Assert.That(Directory.Exists(fresh));

        using var lease = new PackageCache(Root).Use(_archives["stale"]);
        Assert.That(File.Exists(Path.Combine(lease.Directory, "info", "index.json")));
    }

    [Test]
    public void Cleaning_everything_keeps_only_what_a_running_build_uses_and_abandoned_extractions_go()
    {
        Extract("one", 0);
        var used = Extract("two", 0);
        var abandoned = Path.Combine(Root, $".three-1.0-h0_0-0123456789abcdef.{Guid.NewGuid():N}.extract");
        Directory.CreateDirectory(abandoned);
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));
        var running = Path.Combine(Root, $".four-1.0-h0_0-0123456789abcdef.{Guid.NewGuid():N}.extract");
        Directory.CreateDirectory(running);

        using var lease = new PackageCache(Root).Use(_archives["two"]);
        var result = PackageCachePruner.Prune(Root, PackageCacheLimits.Parse("", ""), all: true);

        Assert.That(result.Removed, Has.Count.EqualTo(1));
        Assert.That(Directory.EnumerateDirectories(Root).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { Path.GetFileName(used), Path.GetFileName(running) }), "an extraction younger than an hour may still be running");
    }

    [TestCase("500MB", 500L << 20)]
    [TestCase("20 GiB", 20L << 30)]
    [TestCase("1.5G", 3L << 29)]
    [TestCase("4096", 4096L)]
    [TestCase("0", null)]
    [TestCase("none", null)]
    public void Sizes_parse_with_units(string text, long? bytes) =>
        Assert.That(PackageCacheLimits.Parse(text, "").MaxBytes, Is.EqualTo(bytes));

    [TestCase("lots", "30", "CR8140")]
    [TestCase("-5GB", "30", "CR8140")]
    [TestCase("10GB", "a month", "CR8141")]
    [TestCase("10GB", "-1", "CR8141")]
    public void Invalid_limits_are_coded_errors_naming_the_property(string size, string age, string code)
    {
        var ex = Assert.Throws<CondaRecipesException>(() => PackageCacheLimits.Parse(size, age));
        Assert.That(ex!.Code, Is.EqualTo(code));
        Assert.That(ex.Message, Does.Contain(code == "CR8140" ? $"CondaCacheMaxSize='{size}'" : $"CondaCacheMaxAgeDays='{age}'"));
    }
}
