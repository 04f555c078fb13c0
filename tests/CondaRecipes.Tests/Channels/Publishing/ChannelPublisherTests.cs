using CondaRecipes.Channels.Index;
using CondaRecipes.Channels.Publishing;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Channels.Publishing;

public class ChannelPublisherTests
{
    private string _scratch = null!;
    private string Channel => Path.Combine(_scratch, "channel");
    private string Incoming => Path.Combine(_scratch, "incoming");

    [SetUp]
    public void SetUp() => _scratch = Directory.CreateTempSubdirectory("cr-publisher-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void A_truncated_archive_and_a_foreign_file_in_the_channel_are_set_aside_and_the_publish_succeeds()
    {
        var first = TestPackages.Build(_scratch, Incoming, "first", "1.0");
        new ChannelPublisher(Channel).Publish([new PublishItem(first, "linux-64")]);
        // A .conda cut in half (a copy interrupted by something other than this publisher) and a file a build script dropped.
        var bytes = File.ReadAllBytes(first);
        File.WriteAllBytes(Path.Combine(Channel, "linux-64", "cut-1.0-h0_0.conda"), bytes[..(bytes.Length / 2)]);
        File.WriteAllText(Path.Combine(Channel, "noarch", "notes-1.0-0.tar.bz2"), "not a package\n");

        var second = TestPackages.Build(_scratch, Incoming, "second", "1.0");
        var result = new ChannelPublisher(Channel).Publish([new PublishItem(second, "linux-64")]);

        Assert.That(result.Index.Warnings.Select(w => (w.Code, Path.GetFileName(w.File))), Is.EquivalentTo(new[]
        {
            (IndexErrorCodes.ArchiveSetAside, "cut-1.0-h0_0.conda"), (IndexErrorCodes.ArchiveSetAside, "notes-1.0-0.tar.bz2"),
        }));
        Assert.That(File.Exists(Path.Combine(Channel, ".quarantine", "linux-64", "cut-1.0-h0_0.conda")));
        Assert.That(File.Exists(Path.Combine(Channel, ".quarantine", "noarch", "notes-1.0-0.tar.bz2")));
        ChannelChecker.AssertConsistent(Channel, "linux-64", "noarch");
        Assert.That(Directory.EnumerateFiles(Path.Combine(Channel, "linux-64"), "*.conda").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "first-1.0-h0_0.conda", "second-1.0-h0_0.conda" }));
    }

    [Test]
    public void A_damaged_archive_to_publish_is_refused_and_the_channel_is_unchanged()
    {
        var first = TestPackages.Build(_scratch, Incoming, "first", "1.0");
        new ChannelPublisher(Channel).Publish([new PublishItem(first, "linux-64")]);
        var repodata = File.ReadAllText(Path.Combine(Channel, "linux-64", "repodata.json"));
        var damaged = Path.Combine(_scratch, "damaged", "linux-64", "first-1.0-h0_0.conda");
        Directory.CreateDirectory(Path.GetDirectoryName(damaged)!);
        File.WriteAllBytes(damaged, File.ReadAllBytes(first)[..100]);

        var ex = Assert.Throws<CondaRecipesException>(() => new ChannelPublisher(Channel).Publish([new PublishItem(damaged, "linux-64")]));
        Assert.That(ex!.Code, Is.EqualTo(IndexErrorCodes.PackageUnreadable));
        Assert.That(ex.Message, Does.Contain(damaged), "names the archive being published, not its staged copy");
        Assert.That(File.ReadAllText(Path.Combine(Channel, "linux-64", "repodata.json")), Is.EqualTo(repodata));
        Assert.That(File.ReadAllBytes(Path.Combine(Channel, "linux-64", "first-1.0-h0_0.conda")), Is.EqualTo(File.ReadAllBytes(first)));
        ChannelChecker.AssertConsistent(Channel, "linux-64", "noarch");
    }

    [Test]
    public void A_subdir_that_leaves_the_channel_is_refused_before_anything_is_written()
    {
        var first = TestPackages.Build(_scratch, Incoming, "first", "1.0");
        var ex = Assert.Throws<CondaRecipesException>(() => new ChannelPublisher(Channel).Publish([new PublishItem(first, "../evil")]));
        Assert.That(ex!.Code, Is.EqualTo(IndexErrorCodes.InvalidSubdir));
        Assert.That(Directory.Exists(Path.Combine(_scratch, "evil")), Is.False);
        Assert.That(Directory.Exists(Channel), Is.False);
    }

    [Test]
    public void Leftovers_of_killed_writers_are_removed_by_the_next_build_but_never_while_another_writer_holds_the_lock()
    {
        var first = TestPackages.Build(_scratch, Incoming, "first", "1.0");
        new ChannelPublisher(Channel).Publish([new PublishItem(first, "linux-64")]);
        // What a killed publish of an older version, a killed index and a killed staging copy leave behind.
        var leftovers = new[]
        {
            Path.Combine(Channel, "linux-64", $".first-1.0-h0_0.conda.{Guid.NewGuid():N}.tmp"),
            Path.Combine(Channel, "linux-64", $".repodata.json.{Guid.NewGuid():N}.tmp"),
            Path.Combine(Channel, $".channeldata.json.{Guid.NewGuid():N}.tmp"),
            Path.Combine(Channel, "noarch", ".cache", $".index-cache.json.{Guid.NewGuid():N}.tmp"),
            Path.Combine(Channel, "noarch", $".staging-{Guid.NewGuid():N}", "x-1.0-0.conda"),
        };
        foreach (var file in leftovers)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "partial");
        }
        var kept = new[] { Path.Combine(Channel, "linux-64", ".keep"), Path.Combine(Channel, "linux-64", "notes.tmp") };
        foreach (var file in kept) File.WriteAllText(file, "not ours");

        // While a writer holds the lock its temporary files may be live: nothing is touched.
        using (ChannelLock.Acquire(Channel, TimeSpan.FromSeconds(5)))
        {
            var ex = Assert.Throws<CondaRecipesException>(() =>
                new ChannelPublisher(Channel) { LockTimeout = TimeSpan.FromMilliseconds(300) }.Publish([]));
            Assert.That(ex!.Code, Is.EqualTo(IndexErrorCodes.LockTimeout));
            Assert.That(leftovers.All(File.Exists));
        }

        Assert.That(ChannelRepair.NeedsRepair(Channel));
        var repair = ChannelRepair.RepairIfNeeded(Channel);
        Assert.That(repair!.LeftoversRemoved, Has.Count.EqualTo(leftovers.Length));
        Assert.That(leftovers.Where(File.Exists), Is.Empty);
        Assert.That(kept.All(File.Exists), "files that are not the engine's temporary files are kept");
        Assert.That(ChannelRepair.NeedsRepair(Channel), Is.False);
        Assert.That(ChannelRepair.RepairIfNeeded(Channel), Is.Null, "a channel in step is not locked again");
    }

    [Test]
    public void An_archive_replaced_behind_the_index_is_detected_and_re_indexed()
    {
        var first = TestPackages.Build(_scratch, Incoming, "first", "1.0", payload: "one");
        new ChannelPublisher(Channel).Publish([new PublishItem(first, "linux-64")]);
        // What the previous publish did on a kill between copy and index: a new file under the same name.
        File.Copy(TestPackages.Build(_scratch, Path.Combine(_scratch, "other"), "first", "1.0", payload: "two, longer"),
            Path.Combine(Channel, "linux-64", "first-1.0-h0_0.conda"), overwrite: true);
        Assert.That(ChannelRepair.NeedsRepair(Channel));
        Assert.That(ChannelRepair.RepairIfNeeded(Channel)!.Index.ArchivesRead, Has.Count.EqualTo(1));
        ChannelChecker.AssertConsistent(Channel, "linux-64", "noarch");
    }
}
