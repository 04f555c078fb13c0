using CondaRecipes.Channels.Reading;
using CondaRecipes.Pipeline.Dependencies;
using static CondaRecipes.Tests.Channels.SyntheticChannel;

namespace CondaRecipes.Tests.Pipeline.Dependencies;

public class InstalledPackageCheckTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-installed-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static readonly string ShaA = new('a', 64), ShaB = new('b', 64);

    private string Channel(params (string Build, string Sha)[] demos) =>
        ChannelSource.Create(Write(Path.Combine(_dir, "output"),
            demos.Select(d => Rec("pyext-demo", "0.3.1", d.Build, 1000) with { Sha256 = d.Sha }))).Url;

    private static InstalledPackage Installed(string channel, string build, string sha) =>
        new("host", "pyext-demo", "0.3.1", build, channel, "linux-64", $"pyext-demo-0.3.1-{build}.conda", sha);

    [Test]
    public void The_same_archive_in_the_channel_changes_nothing()
    {
        var channel = Channel(("sample_py3.12_1000", ShaA));
        Assert.That(InstalledPackageCheck.ChangedReason([Installed(channel, "sample_py3.12_1000", ShaA)]), Is.Null);
        Assert.That(InstalledPackageCheck.ChangedReason(null), Is.Null, "a stamp without the record (conda-build engine)");
    }

    [Test]
    public void A_rebuilt_dependency_is_named_with_both_checksums()
    {
        var channel = Channel(("sample_py3.12_1000", ShaB));
        Assert.That(InstalledPackageCheck.ChangedReason([Installed(channel, "sample_py3.12_1000", ShaA)]),
            Is.EqualTo("host package pyext-demo-0.3.1-sample_py3.12_1000 changed (sha256 aaaaaaaaaaaa -> bbbbbbbbbbbb)"));
    }

    [Test]
    public void A_dependency_gone_from_its_channel_is_named()
    {
        var channel = Channel(("sample_py3.11_1000", ShaA));
        Assert.That(InstalledPackageCheck.ChangedReason([Installed(channel, "sample_py3.12_1000", ShaA)]),
            Does.StartWith("host package pyext-demo-0.3.1-sample_py3.12_1000 is no longer in "));
    }

    [Test]
    public void Remote_channels_are_not_read() =>
        // conda-forge never replaces a published file; nothing is downloaded to check it.
        Assert.That(InstalledPackageCheck.ChangedReason([Installed("https://conda.anaconda.org/conda-forge", "h0_0", ShaA)]), Is.Null);
}
