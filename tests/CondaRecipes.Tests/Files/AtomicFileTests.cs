using CondaRecipes.Files;

namespace CondaRecipes.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class AtomicFileTests
{
    private string _dir = null!;

    [SetUp] public void Create() => _dir = Directory.CreateTempSubdirectory("cr-atomic-").FullName;
    [TearDown] public void Delete() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        var path = Path.Combine(_dir, "stamp.json");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Replaces_with_the_given_mode_and_creates_the_directory()
    {
        var path = Path.Combine(_dir, "sub", "run.sh");
        AtomicFile.WriteAllText(path, "#!/bin/sh\n", durable: true, mode: (UnixFileMode)0b111_101_000);
        Assert.That(File.ReadAllText(path), Is.EqualTo("#!/bin/sh\n"));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo((UnixFileMode)0b111_101_000));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1));
    }
}
