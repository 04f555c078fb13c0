using CondaRecipes.Files;

namespace CondaRecipes.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class TreeCopierTests
{
    private string _dir = null!;

    [SetUp] public void Create() => _dir = Directory.CreateTempSubdirectory("cr-copy-").FullName;
    [TearDown] public void Delete() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Links_are_copied_as_links_and_never_followed()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret"), "s");
        var from = Directory.CreateDirectory(Path.Combine(_dir, "from")).FullName;
        File.WriteAllText(Path.Combine(from, "libfoo.so.1"), "elf");
        File.SetUnixFileMode(Path.Combine(from, "libfoo.so.1"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(from, "libfoo.so"), "libfoo.so.1");
        Directory.CreateSymbolicLink(Path.Combine(from, "out"), outside);
        File.CreateSymbolicLink(Path.Combine(from, "dangling"), "missing");
        var to = Path.Combine(_dir, "to");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(to).FullName, "libfoo.so"), "stale");

        TreeCopier.Copy(from, to);

        Assert.That(new FileInfo(Path.Combine(to, "libfoo.so")).LinkTarget, Is.EqualTo("libfoo.so.1"));
        Assert.That(new DirectoryInfo(Path.Combine(to, "out")).LinkTarget, Is.EqualTo(outside));
        Assert.That(new FileInfo(Path.Combine(to, "dangling")).LinkTarget, Is.EqualTo("missing"));
        Assert.That(Directory.GetFileSystemEntries(to).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "libfoo.so.1", "libfoo.so", "out", "dangling" }), "nothing behind a link was copied");
        Assert.That(File.GetUnixFileMode(Path.Combine(to, "libfoo.so.1")), Is.EqualTo((UnixFileMode)0b111_101_101));
    }
}
