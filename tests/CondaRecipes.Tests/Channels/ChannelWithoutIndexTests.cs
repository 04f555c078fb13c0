using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline;
using CondaRecipes.Pipeline.Environments;
using static CondaRecipes.Tests.Channels.SyntheticChannel;

namespace CondaRecipes.Tests.Channels;

/// <summary>
/// A channel whose packages are not indexed is reported, not skipped: a skipped channel makes the solve fail
/// with CR2102 ("nothing satisfies"), which points at the wrong cause.
/// </summary>
public class ChannelWithoutIndexTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-unindexed-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private sealed class RecordingLog : IBuildLog
    {
        public List<Diagnostic> Warnings { get; } = [];
        public void Info(string message) { }
        public void Detail(string message) { }
        public void Summary(string message) { }
        public void Warn(Diagnostic diagnostic) => Warnings.Add(diagnostic);
    }

    private Task Install(string channel, RecordingLog? log = null) =>
        new ChannelEnvironment([channel], "linux-64", Path.Combine(_dir, "cache"), log ?? new RecordingLog())
            .InstallAsync(["demo"], [], Path.Combine(_dir, "prefix"), "/r/meta.yaml", CancellationToken.None);

    /// <summary>A channel holding a package archive and, when asked, some repodata files.</summary>
    private string ChannelWithArchive(string name, string archiveSubdir, bool noarchIndex, bool subdirIndex)
    {
        var dir = Path.Combine(_dir, name);
        Write(dir, [Rec("other", "1", "0", subdir: "linux-64")], withNoarch: noarchIndex);
        if (!subdirIndex) File.Delete(Path.Combine(dir, "linux-64", "repodata.json"));
        Directory.CreateDirectory(Path.Combine(dir, archiveSubdir));
        File.WriteAllText(Path.Combine(dir, archiveSubdir, "demo-1.0-0.conda"), "not read: only its presence counts");
        return dir;
    }

    [Test]
    public void Packages_without_noarch_repodata_json_are_CR5100_naming_the_channel_and_the_file()
    {
        var dir = ChannelWithArchive("unindexed", "noarch", noarchIndex: false, subdirIndex: false);
        var e = Assert.ThrowsAsync<CondaRecipesException>(() => Install(dir))!;
        Assert.That(e.Code, Is.EqualTo(ChannelErrorCodes.UnavailableInvalidChannel), e.ToString());
        Assert.That(e.Message, Does.Contain(new Uri(dir).AbsoluteUri));
        Assert.That(e.File, Is.EqualTo(Path.Combine(dir, "noarch", "repodata.json")));
    }

    [Test]
    public void A_channel_that_holds_nothing_yet_is_skipped_and_the_solve_reports_the_missing_package()
    {
        foreach (var dir in new[] { Path.Combine(_dir, "never-created"), Directory.CreateDirectory(Path.Combine(_dir, "empty", "linux-64")).Parent!.FullName })
        {
            Assert.That(ChannelSource.Create(dir).HoldsNothing, Is.True, dir);
            var e = Assert.ThrowsAsync<CondaRecipesException>(() => Install(dir))!;
            Assert.That(e.Code, Is.EqualTo(BuildErrorCodes.RequirementNotSatisfied), e.ToString());
        }
    }

    [Test]
    public void Packages_in_a_platform_subdir_without_its_repodata_json_are_a_CR5105_warning()
    {
        var dir = ChannelWithArchive("half", "linux-64", noarchIndex: true, subdirIndex: false);
        var diagnostics = new List<Diagnostic>();
        var records = ChannelSource.Create(dir).Load("linux-64", diagnostics);
        Assert.That(records.Where(r => r.Subdir == "linux-64"), Is.Empty);
        var warning = diagnostics.Single();
        Assert.That(warning.Code, Is.EqualTo(ChannelErrorCodes.SubdirNotIndexed));
        Assert.That(warning.Message, Does.Contain("linux-64/repodata.json").And.Contain(new Uri(dir).AbsoluteUri));

        var log = new RecordingLog();
        Assert.ThrowsAsync<CondaRecipesException>(() => Install(dir, log));
        Assert.That(log.Warnings.Select(w => w.Code), Does.Contain(ChannelErrorCodes.SubdirNotIndexed), "the build log shows why the package was not found");
    }

    [Test]
    public void An_indexed_platform_subdir_gives_no_warning() =>
        Assert.That(Diagnose(ChannelWithArchive("ok", "linux-64", noarchIndex: true, subdirIndex: true)), Is.Empty);

    private static List<Diagnostic> Diagnose(string dir)
    {
        var diagnostics = new List<Diagnostic>();
        ChannelSource.Create(dir).Load("linux-64", diagnostics);
        return diagnostics;
    }
}
