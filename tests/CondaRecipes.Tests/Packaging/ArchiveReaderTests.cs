using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;
using ICSharpCode.SharpZipLib.BZip2;

namespace CondaRecipes.Tests.Packaging;

public class ArchiveReaderTests
{
    [TestCase(".conda")]
    [TestCase(".tar.bz2")]
    public async Task ReadsIndexJson_AndExtractsEveryPath(string ext)
    {
        using var f = await PackageFixture.CreateAsync();
        var paths = InfoWriter.Write(f.Prefix, PackageFixture.Metadata(), f.Prefix);
        var archive = Path.Combine(f.Scratch, "demo-1.2.3-derecho_py312_1000" + ext);
        if (ext == ".conda") CondaArchiveWriter.Write(f.Prefix, archive); else TarBz2ArchiveWriter.Write(f.Prefix, archive);

        var index = PackageArchiveReader.ReadIndexJson(archive);
        Assert.That((string)index["name"]!, Is.EqualTo("demo"));
        Assert.That((long)index["build_number"]!, Is.EqualTo(1000));
        var info = PackageArchiveReader.ReadInfoFiles(archive);
        Assert.That(info.Keys, Does.Contain("info/paths.json").And.Contain("info/about.json").And.Contain("info/recipe/meta.yaml"));
        Assert.That(info.Keys, Has.All.StartWith("info/"));

        var dest = Path.Combine(f.Scratch, "extracted");
        PackageArchiveReader.Extract(archive, dest);
        foreach (var p in paths)
        {
            var full = Path.Combine(dest, p.Path);
            if (p.PathType == "directory") { Assert.That(Directory.Exists(full), Is.True, p.Path); continue; }
            if (p.PathType == "softlink") Assert.That(new FileInfo(full).LinkTarget, Is.EqualTo("libdemo.so.1"));
            var bytes = await File.ReadAllBytesAsync(full);
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(p.Sha256), p.Path);
        }
        Assert.That(File.GetUnixFileMode(Path.Combine(dest, "bin", "hello")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        Assert.That(Directory.EnumerateFileSystemEntries(f.Scratch).Where(e => e.EndsWith(".extract")), Is.Empty);
    }

    [Test]
    public async Task Extract_ExistingDestination_IsCodedErrorUnlessOverwrite()
    {
        using var f = await PackageFixture.CreateAsync();
        InfoWriter.Write(f.Prefix, PackageFixture.Metadata(), f.Prefix);
        var archive = Path.Combine(f.Scratch, "demo-1.2.3-derecho_py312_1000.conda");
        CondaArchiveWriter.Write(f.Prefix, archive);
        var dest = Directory.CreateDirectory(Path.Combine(f.Scratch, "dest")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dest, "stale"), "x");
        var ex = Assert.Throws<CondaRecipesException>(() => PackageArchiveReader.Extract(archive, dest));
        Assert.That(ex!.Code, Is.EqualTo(PackagingErrorCodes.DestinationExists));
        PackageArchiveReader.Extract(archive, dest, overwrite: true);
        Assert.That(File.Exists(Path.Combine(dest, "stale")), Is.False);
        Assert.That(File.Exists(Path.Combine(dest, "info", "index.json")), Is.True);
    }

    /// <summary>A crafted .tar.bz2 whose entries are written as given, bypassing our own writer's checks.</summary>
    private static string Craft(string dir, params TarEntry[] entries)
    {
        var path = Path.Combine(dir, "evil-1.0-0.tar.bz2");
        using var file = File.Create(path);
        using var bz2 = new BZip2OutputStream(file);
        using var tar = new TarWriter(bz2, TarEntryFormat.Gnu);
        tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "info/index.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
        foreach (var e in entries) tar.WriteEntry(e);
        return path;
    }

    private static GnuTarEntry FileEntry(string name) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("pwned"u8.ToArray()) };
    private static GnuTarEntry Link(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    private static IEnumerable<TestCaseData> EvilArchives()
    {
        yield return new TestCaseData(new TarEntry[] { FileEntry("../evil") }, PackagingErrorCodes.UnsafeEntryPath).SetName("DotDotPath");
        yield return new TestCaseData(new TarEntry[] { FileEntry("lib/../../evil") }, PackagingErrorCodes.UnsafeEntryPath).SetName("NestedDotDotPath");
        yield return new TestCaseData(new TarEntry[] { FileEntry("/tmp/evil-absolute") }, PackagingErrorCodes.UnsafeEntryPath).SetName("AbsolutePath");
        yield return new TestCaseData(new TarEntry[] { Link("lib/escape", "../../outside") }, PackagingErrorCodes.UnsafeLinkTarget).SetName("EscapingSymlink");
        yield return new TestCaseData(new TarEntry[] { Link("lib/abs", "/etc/passwd") }, PackagingErrorCodes.UnsafeLinkTarget).SetName("AbsoluteSymlink");
        // Each link alone stays inside; together 'a' becomes the parent of the root, and a file is written through it.
        yield return new TestCaseData(new TarEntry[] { Link("a", "b/.."), Link("b", "."), FileEntry("a/evil") }, PackagingErrorCodes.UnsafeLinkTarget).SetName("ChainedSymlinks");
        yield return new TestCaseData(new TarEntry[] { Link("d", ".."), FileEntry("d/evil") }, PackagingErrorCodes.UnsafeLinkTarget).SetName("WriteThroughEscapingLink");
        yield return new TestCaseData(new TarEntry[] { new GnuTarEntry(TarEntryType.HardLink, "lib/h") { LinkName = "../../etc/passwd" } }, PackagingErrorCodes.UnsafeEntryPath).SetName("EscapingHardlink");
    }

    [TestCaseSource(nameof(EvilArchives))]
    public void Extract_RejectsEscapes_AndLeavesNothing(TarEntry[] entries, string code)
    {
        var dir = Directory.CreateTempSubdirectory("cr-evil-").FullName;
        try
        {
            var work = Directory.CreateDirectory(Path.Combine(dir, "deep", "er")).FullName;
            var archive = Craft(work, entries);
            var dest = Path.Combine(work, "out");
            var ex = Assert.Throws<CondaRecipesException>(() => PackageArchiveReader.Extract(archive, dest));
            Assert.That(ex!.Code, Is.EqualTo(code));
            Assert.That(ex.Message, Does.Contain(archive));
            Assert.That(Directory.Exists(dest), Is.False);
            Assert.That(Directory.EnumerateFiles(dir, "*evil*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".tar.bz2")), Is.Empty);
            Assert.That(Directory.EnumerateFileSystemEntries(work), Is.EqualTo(new[] { archive }));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Read_DamagedArchive_IsCodedError()
    {
        var dir = Directory.CreateTempSubdirectory("cr-bad-").FullName;
        try
        {
            var archive = Path.Combine(dir, "bad-1.0-0.conda");
            File.WriteAllText(archive, "not a zip");
            var ex = Assert.Throws<CondaRecipesException>(() => PackageArchiveReader.ReadIndexJson(archive));
            Assert.That(ex!.Code, Is.EqualTo(PackagingErrorCodes.ArchiveUnreadable));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
