using CondaRecipes.Channels.Index;
using CondaRecipes.Channels.Publishing;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Tests.Pipeline;

namespace CondaRecipes.Tests.Channels.Publishing;

/// <summary>
/// A publishing process killed with SIGKILL at every step of publish and index (the steps
/// <see cref="ChannelPublisher.StepReached"/> names, so each kill lands at a known point): readers keep working
/// while it holds the lock, the next build repairs the channel (independent check: repodata against the files'
/// own hashes, cph against paths.json, no leftovers), and a publish after it completes what was cut off.
/// </summary>
[NonParallelizable]
public class PublishCrashTests
{
    private const string Alpha = "alpha-1.0-h0_0.conda";
    private const string Gamma = "gamma-2.0-h0_0.conda";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Every step, in the order a publish of a rebuilt linux-64 archive and a new noarch one passes them.</summary>
    private static readonly string[] Steps =
    [
        "locked", "leftovers", $"staging:{Alpha}", $"staged:{Alpha}", $"staging:{Gamma}", $"staged:{Gamma}",
        $"renamed:{Alpha}", $"renamed:{Gamma}", "repodata:linux-64", "current_repodata:linux-64", "cache:linux-64",
        "repodata:noarch", "current_repodata:noarch", "cache:noarch", "channeldata",
    ];

    private string _scratch = null!;
    private string Channel => Path.Combine(_scratch, "channel");

    [SetUp]
    public void SetUp() => _scratch = Directory.CreateTempSubdirectory("cr-publish-crash-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_scratch, recursive: true);

    /// <summary>A channel holding alpha 1.0 (old build) and beta; returns the new alpha 1.0 build (same file
    /// name, other bytes) and the new gamma to publish.</summary>
    private (string NewAlpha, string NewGamma) Prepare(long gammaBytes = 0)
    {
        var before = Path.Combine(_scratch, "before");
        new ChannelPublisher(Channel).Publish([
            new PublishItem(TestPackages.Build(_scratch, before, "alpha", "1.0", payload: "old build"), "linux-64"),
            new PublishItem(TestPackages.Build(_scratch, before, "beta", "1.0", "noarch"), "noarch")]);
        var incoming = Path.Combine(_scratch, "incoming");
        return (TestPackages.Build(_scratch, incoming, "alpha", "1.0", payload: "new build"),
            TestPackages.Build(_scratch, incoming, "gamma", "2.0", "noarch", bigFileBytes: gammaBytes));
    }

    [TestCaseSource(nameof(Steps))]
    public async Task Killed_at_a_step_the_channel_is_repaired_by_the_next_build_and_completed_by_the_next_publish(string step)
    {
        var (newAlpha, newGamma) = Prepare();
        var oldAlphaSha = ChannelInspection.Sha256(Path.Combine(Channel, "linux-64", Alpha));
        var renamed = Array.IndexOf(Steps, step) >= Array.IndexOf(Steps, $"renamed:{Alpha}");

        using (var child = PublishProcess.Start(Channel, step, (newAlpha, "linux-64"), (newGamma, "noarch")))
        {
            child.WaitForStep(step, StepTimeout);
            if (!renamed) await AssertReadersWorkWhileLockedAsync();
            child.Kill9();
        }

        // What any reader sees right after the kill, without a lock: valid repodata in every subdir.
        Assert.That(new LocalChannelSource(Channel).Load("linux-64").Select(r => r.Name), Does.Contain("alpha"));

        // Out of step exactly when the kill left a half-copied archive or files not yet (fully) indexed.
        var outOfStep = step is not ("locked" or "leftovers" or "channeldata");
        Assert.That(ChannelRepair.NeedsRepair(Channel), Is.EqualTo(outOfStep), "what the next build finds to repair");

        // The next build into the channel (here one with nothing to publish) repairs it.
        var repair = ChannelRepair.RepairIfNeeded(Channel);
        Assert.That(ChannelRepair.NeedsRepair(Channel), Is.False, "still out of step after the repair");
        if (step.StartsWith("staging:", StringComparison.Ordinal) || step.StartsWith("staged:", StringComparison.Ordinal))
            Assert.That(repair?.LeftoversRemoved, Is.Not.Empty, "the half-copied archive was not removed");
        ChannelChecker.AssertConsistent(Channel, "linux-64", "noarch");
        var alphaSha = ChannelInspection.Sha256(Path.Combine(Channel, "linux-64", Alpha));
        Assert.That(alphaSha, Is.EqualTo(renamed ? ChannelInspection.Sha256(newAlpha) : oldAlphaSha), "alpha is one whole build or the other");

        // The publish after it completes what the killed one did not.
        using (var again = PublishProcess.Start(Channel, "none", (newAlpha, "linux-64"), (newGamma, "noarch")))
            Assert.That(again.WaitForExit(StepTimeout), Is.EqualTo(0), again.Output);
        ChannelChecker.AssertConsistent(Channel, "linux-64", "noarch");
        Assert.That(ChannelInspection.Sha256(Path.Combine(Channel, "linux-64", Alpha)), Is.EqualTo(ChannelInspection.Sha256(newAlpha)));
        Assert.That(File.Exists(Path.Combine(Channel, "noarch", Gamma)));
    }

    [Test]
    public void A_400_MB_package_killed_mid_copy_and_between_rename_and_index_leaves_a_repairable_channel()
    {
        var (newAlpha, newGamma) = Prepare(gammaBytes: 400L << 20);
        foreach (var step in new[] { $"staging:{Gamma}", $"renamed:{Gamma}" })
        {
            using (var child = PublishProcess.Start(Channel, step, (newAlpha, "linux-64"), (newGamma, "noarch")))
            {
                child.WaitForStep(step, StepTimeout);
                child.Kill9();
            }
            var leftovers = Directory.EnumerateDirectories(Path.Combine(Channel, "noarch"), ".staging-*")
                .SelectMany(d => Directory.EnumerateFiles(d)).ToList();
            if (step.StartsWith("staging:", StringComparison.Ordinal))
                Assert.That(leftovers.Sum(f => new FileInfo(f).Length), Is.GreaterThan(100L << 20), "the kill did not land mid-copy");
            else
                Assert.That(ChannelRepair.NeedsRepair(Channel), "gamma renamed into place but not indexed: out of step");
            Assert.That(ChannelRepair.RepairIfNeeded(Channel), Is.Not.Null);
            ChannelChecker.AssertConsistent(Channel, "linux-64", "noarch");
        }
        Assert.That(new FileInfo(Path.Combine(Channel, "noarch", Gamma)).Length, Is.GreaterThan(400L << 20));
    }

    [Test]
    public async Task A_reader_reads_and_fetches_while_a_publisher_holds_the_lock()
    {
        var (newAlpha, newGamma) = Prepare();
        using var child = PublishProcess.Start(Channel, $"staged:{Gamma}", (newAlpha, "linux-64"), (newGamma, "noarch"));
        child.WaitForStep($"staged:{Gamma}", StepTimeout);
        var ex = Assert.Throws<CondaRecipesException>(() => ChannelLock.Acquire(Channel, TimeSpan.FromMilliseconds(300)).Dispose());
        Assert.That(ex!.Code, Is.EqualTo(IndexErrorCodes.LockTimeout), "the child holds the lock");
        await AssertReadersWorkWhileLockedAsync();
    }

    /// <summary>A consumer of the channel (the solver's reading, then the fetch that checks sha256 and size
    /// against repodata) succeeds without taking the lock.</summary>
    private async Task AssertReadersWorkWhileLockedAsync()
    {
        var records = await ChannelSource.Create(Channel).LoadAsync("linux-64");
        var alpha = records.Single(r => r.Name == "alpha");
        var path = await new PackageFetcher(Path.Combine(_scratch, "downloads")).FetchAsync(alpha, CancellationToken.None);
        Assert.That(path, Is.EqualTo(Path.Combine(Channel, "linux-64", Alpha)));
    }
}
