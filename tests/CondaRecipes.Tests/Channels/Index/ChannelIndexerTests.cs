using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Channels.Index;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Channels.Index;

public class ChannelIndexerTests
{
    private string _scratch = null!;
    private string Channel => Path.Combine(_scratch, "channel");

    [SetUp]
    public void SetUp() => _scratch = Directory.CreateTempSubdirectory("cr-index-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_scratch, recursive: true);

    /// <summary>Builds a real small package with our writers into the channel subdir.</summary>
    private string AddPackage(string name, string version, string subdir = "linux-64", string ext = ".conda",
        IReadOnlyList<string>? depends = null, string? noarch = null)
    {
        var root = Path.Combine(_scratch, "roots", $"{name}-{version}-{subdir}{ext}");
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        File.WriteAllText(Path.Combine(root, "lib", $"{name}.txt"), $"{name} {version}\n");
        var metadata = new PackageMetadata
        {
            Name = name, Version = version, Build = "h0_0", Subdir = subdir, Noarch = noarch,
            Depends = depends ?? [], License = "MIT", Timestamp = 1_700_000_000_000,
            About = new AboutInfo { Summary = $"{name} summary" },
            RunExports = new RunExports { Weak = [$"{name} >={version}"] },
        };
        InfoWriter.Write(root, metadata, prefix: null);
        var archive = Path.Combine(Channel, metadata.EffectiveSubdir, metadata.FileStem + ext);
        if (ext == ".conda") CondaArchiveWriter.Write(root, archive, new ArchiveWriteOptions { ZstdLevel = 3, ZstdThreads = 0 });
        else TarBz2ArchiveWriter.Write(root, archive);
        return archive;
    }

    private JsonObject Repodata(string subdir, string file = "repodata.json") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Channel, subdir, file)))!.AsObject();

    private static async Task<string> ToolHashAsync(string tool, string file) =>
        (await Cli.Wrap(tool).WithArguments([file]).ExecuteBufferedAsync()).StandardOutput.Split(' ')[0];

    [Test]
    public async Task Repodata_HasReferenceLayout_AndRecordsMatchArchives()
    {
        var conda = AddPackage("alpha", "1.0", depends: ["python >=3.12"]);
        var bz2 = AddPackage("beta", "2.0", ext: ".tar.bz2");
        AddPackage("gamma", "0.1", noarch: "generic");

        var result = new ChannelIndexer(Channel).Index();
        Assert.That(result.Subdirs, Is.EqualTo(new[] { "linux-64", "noarch" }));
        Assert.That(result.PackageCount, Is.EqualTo(3));

        var repodata = Repodata("linux-64");
        Assert.That(repodata.Select(p => p.Key), Is.EqualTo(new[] { "info", "packages", "packages.conda", "removed", "repodata_version" }));
        Assert.That((string)repodata["info"]!["subdir"]!, Is.EqualTo("linux-64"));
        Assert.That((int)repodata["repodata_version"]!, Is.EqualTo(1));
        Assert.That(repodata["removed"]!.AsArray(), Is.Empty);

        foreach (var (archive, key) in new[] { (conda, "packages.conda"), (bz2, "packages") })
        {
            var record = repodata[key]![Path.GetFileName(archive)]!.AsObject();
            Assert.That((string)record["md5"]!, Is.EqualTo(await ToolHashAsync("md5sum", archive)));
            Assert.That((string)record["sha256"]!, Is.EqualTo(await ToolHashAsync("sha256sum", archive)));
            Assert.That((long)record["size"]!, Is.EqualTo(new FileInfo(archive).Length));
            Assert.That(record.ContainsKey("arch") || record.ContainsKey("platform"), Is.False);
            var index = PackageArchiveReader.ReadIndexJson(archive);
            foreach (var (k, v) in index.Where(p => p.Key is not ("arch" or "platform")))
                Assert.That(JsonNode.DeepEquals(record[k], v), Is.True, k);
        }

        var noarch = Repodata("noarch");
        Assert.That(noarch["packages.conda"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "gamma-0.1-h0_0.conda" }));
        var channeldata = JsonNode.Parse(File.ReadAllText(Path.Combine(Channel, "channeldata.json")))!;
        Assert.That((string)channeldata["packages"]!["alpha"]!["summary"]!, Is.EqualTo("alpha summary"));
        Assert.That(channeldata["packages"]!["gamma"]!["subdirs"]!.AsArray().Select(s => (string)s!), Is.EqualTo(new[] { "noarch" }));
        Assert.That((long)channeldata["packages"]!["alpha"]!["timestamp"]!, Is.EqualTo(1_700_000_000));
    }

    [Test]
    public void EmptyChannel_StillGetsNoarchRepodata()
    {
        var result = new ChannelIndexer(Channel).Index(["linux-64"]);
        Assert.That(result.Subdirs, Is.EqualTo(new[] { "linux-64", "noarch" }));
        Assert.That(Repodata("noarch")["packages"]!.AsObject(), Is.Empty);
        Assert.That(Repodata("linux-64")["packages.conda"]!.AsObject(), Is.Empty);
    }

    [Test]
    public void Reindex_OpensOnlyNewArchives_AndDropsRemovedOnes()
    {
        var first = AddPackage("alpha", "1.0");
        var second = AddPackage("beta", "1.0");
        var indexer = new ChannelIndexer(Channel);
        Assert.That(indexer.Index().ArchivesRead, Is.EquivalentTo(new[] { first, second }));

        var third = AddPackage("gamma", "1.0");
        var again = indexer.Index();
        Assert.That(again.ArchivesRead, Is.EqualTo(new[] { third }));
        Assert.That(Repodata("linux-64")["packages.conda"]!.AsObject(), Has.Count.EqualTo(3));

        File.Delete(second);
        var afterDelete = indexer.Index();
        Assert.That(afterDelete.ArchivesRead, Is.Empty);
        Assert.That(Repodata("linux-64")["packages.conda"]!.AsObject().Select(p => p.Key),
            Is.EqualTo(new[] { "alpha-1.0-h0_0.conda", "gamma-1.0-h0_0.conda" }));
    }

    [Test]
    public void ParallelIndexers_EachAddingAPackage_LoseNothing()
    {
        const int n = 8;
        var archives = Enumerable.Range(0, n).Select(i => AddPackage($"pkg{i}", "1.0")).ToList();
        // Hide them, then let eight indexers each reveal one and index, all released at once.
        foreach (var a in archives) File.Move(a, a + ".hidden");
        using var start = new Barrier(n);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = archives.Select(a => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                File.Move(a + ".hidden", a);
                new ChannelIndexer(Channel).Index();
            }
            catch (Exception e) { errors.Add(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(errors, Is.Empty);
        Assert.That(Repodata("linux-64")["packages.conda"]!.AsObject().Select(p => p.Key),
            Is.EquivalentTo(archives.Select(Path.GetFileName)));
        Assert.That(Directory.EnumerateFiles(Path.Combine(Channel, "linux-64"), "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void LockHeldByOther_TimesOutWithCodedError()
    {
        using var held = ChannelLock.Acquire(Channel, TimeSpan.FromSeconds(1));
        var ex = Assert.Throws<CondaRecipesException>(() => new ChannelIndexer(Channel) { LockTimeout = TimeSpan.FromMilliseconds(200) }.Index());
        Assert.That(ex!.Code, Is.EqualTo(IndexErrorCodes.LockTimeout));
    }

    [Test]
    public void CurrentRepodata_KeepsNewestVersion_PlusPinnedOlderDependency()
    {
        AddPackage("lib", "1.0");
        AddPackage("lib", "2.0");
        AddPackage("app", "1.0", depends: ["lib 1.0.*"]);
        AddPackage("app", "0.9");
        new ChannelIndexer(Channel).Index();
        var current = Repodata("linux-64", "current_repodata.json")["packages.conda"]!.AsObject().Select(p => p.Key);
        Assert.That(current, Is.EquivalentTo(new[] { "lib-2.0-h0_0.conda", "lib-1.0-h0_0.conda", "app-1.0-h0_0.conda" }));
    }

    [Test]
    public void DamagedArchive_IsSetAside_WithAWarning_AndTheRestIndexed()
    {
        AddPackage("good", "1.0");
        File.WriteAllText(Path.Combine(Channel, "linux-64", "bad-1.0-0.conda"), "garbage");
        var result = new ChannelIndexer(Channel).Index();
        Assert.That(result.Warnings.Select(w => w.Code), Is.EqualTo(new[] { IndexErrorCodes.ArchiveSetAside }));
        Assert.That(result.Warnings[0].Message, Does.Contain("bad-1.0-0.conda"));
        Assert.That(File.ReadAllText(Path.Combine(Channel, ".quarantine", "linux-64", "bad-1.0-0.conda")), Is.EqualTo("garbage"));
        Assert.That(Repodata("linux-64")["packages.conda"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "good-1.0-h0_0.conda" }));
    }
}
