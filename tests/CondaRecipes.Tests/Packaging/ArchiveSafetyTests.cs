using System.Formats.Tar;
using System.IO.Compression;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;
using CondaRecipes.Tests.Build.Sources;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;

namespace CondaRecipes.Tests.Packaging;

/// <summary>
/// The same hostile archives, packed as a source archive (tar.gz, zip) and as a package (.tar.bz2, .conda),
/// are refused with the same code by both extractors, and nothing is written outside the destination.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ArchiveSafetyTests : SourceTestBase
{
    /// <summary>One archive entry, independent of the container: a file, a symlink or a hard link.</summary>
    public sealed record Entry(string Name, string? Symlink = null, string? HardLink = null)
    {
        public override string ToString() => Symlink is not null ? $"{Name}->{Symlink}" : HardLink is not null ? $"{Name}=>{HardLink}" : Name;
    }

    private const string Outside = "cr-safety-outside";

    private static IEnumerable<TestCaseData> Hostile()
    {
        foreach (var container in new[] { "tar.gz", "zip", "tar.bz2", "conda" })
        {
            var source = container is "tar.gz" or "zip";
            TestCaseData Case(string name, string code, params Entry[] entries) =>
                new TestCaseData(container, entries, code).SetName($"{(source ? "Source" : "Package")}_{container}_{name}");
            yield return Case("DotDot", PackagingErrorCodes.UnsafeEntryPath, new Entry($"../{Outside}"));
            yield return Case("Absolute", PackagingErrorCodes.UnsafeEntryPath, new Entry($"/tmp/{Outside}"));
            yield return Case("FileThroughEscapingSymlink", PackagingErrorCodes.UnsafeLinkTarget,
                new Entry("up", Symlink: ".."), new Entry($"up/{Outside}"));
            yield return Case("AbsoluteSymlink", PackagingErrorCodes.UnsafeLinkTarget, new Entry("etc", Symlink: "/etc"));
            if (container == "zip") continue; // zip has no hard links
            yield return Case("HardLinkOutside", PackagingErrorCodes.UnsafeEntryPath, new Entry("h", HardLink: "../../etc/passwd"));
            yield return Case("HardLinkAbsolute", PackagingErrorCodes.UnsafeEntryPath, new Entry("h", HardLink: "/etc/passwd"));
        }
    }

    [TestCaseSource(nameof(Hostile))]
    public void Hostile_archive_is_refused_with_the_shared_code(string container, Entry[] entries, string code)
    {
        var destination = WorkDir();
        var archive = Path.Combine(Root, container is "tar.gz" or "zip" ? $"evil-1.0.{container}" : $"evil-1.0-0.{container}");
        CondaRecipesException? error;
        if (container is "tar.gz" or "zip")
        {
            if (container == "zip") WriteZip(archive, entries); else WriteTar(archive, entries, s => new GZipStream(s, CompressionLevel.Fastest));
            error = Assert.ThrowsAsync<CondaRecipesException>(() =>
                Prepare(destination, Spec() with { Urls = [new Uri(archive).AbsoluteUri], Sha256 = Sha256Of(archive) }));
        }
        else
        {
            if (container == "conda") WriteConda(archive, entries); else WriteTar(archive, [new Entry("info/index.json"), .. entries], s => new BZip2OutputStream(s));
            error = Assert.Throws<CondaRecipesException>(() => PackageArchiveReader.Extract(archive, destination));
        }
        Assert.That(error!.Code, Is.EqualTo(code), error.Message);
        Assert.That(error.Message, Does.Contain(Path.GetFileName(archive)));
        Assert.That(Directory.Exists(destination), Is.False, "nothing is left behind");
        Assert.That(File.Exists(Path.Combine(Root, Outside)) || File.Exists($"/tmp/{Outside}"), Is.False);
    }

    [TestCase("tar.bz2")]
    [TestCase("tar.gz")]
    public async Task Links_inside_the_tree_are_extracted_by_both(string container)
    {
        Entry[] entries = [new("lib64/libfoo.so.1"), new("lib/libfoo.so", Symlink: "../lib64/libfoo.so.1"), new("lib/copy", HardLink: "lib64/libfoo.so.1")];
        var destination = WorkDir();
        if (container == "tar.gz")
        {
            var archive = Path.Combine(Root, "good-1.0.tar.gz");
            WriteTar(archive, entries, s => new GZipStream(s, CompressionLevel.Fastest));
            await Prepare(destination, Spec() with { Urls = [new Uri(archive).AbsoluteUri], Sha256 = Sha256Of(archive) });
        }
        else
        {
            var archive = Path.Combine(Root, "good-1.0-0.tar.bz2");
            WriteTar(archive, [new Entry("info/index.json"), .. entries], s => new BZip2OutputStream(s));
            PackageArchiveReader.Extract(archive, destination);
        }
        Assert.That(File.ReadAllText(Path.Combine(destination, "lib/libfoo.so")), Is.EqualTo("lib64/libfoo.so.1"));
        Assert.That(new FileInfo(Path.Combine(destination, "lib/libfoo.so")).LinkTarget, Is.EqualTo("../lib64/libfoo.so.1"));
        Assert.That(File.ReadAllText(Path.Combine(destination, "lib/copy")), Is.EqualTo("lib64/libfoo.so.1"));
    }

    private static void WriteTar(string path, IEnumerable<Entry> entries, Func<Stream, Stream> compress)
    {
        using var file = File.Create(path);
        using var compressed = compress(file);
        WriteTarEntries(compressed, entries);
    }

    private static void WriteTarEntries(Stream stream, IEnumerable<Entry> entries)
    {
        using var tar = new TarWriter(stream, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var e in entries)
            tar.WriteEntry(e.Symlink is not null ? new GnuTarEntry(TarEntryType.SymbolicLink, e.Name) { LinkName = e.Symlink }
                : e.HardLink is not null ? new GnuTarEntry(TarEntryType.HardLink, e.Name) { LinkName = e.HardLink }
                : new GnuTarEntry(TarEntryType.RegularFile, e.Name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(e.Name)) });
    }

    private static void WriteZip(string path, IEnumerable<Entry> entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var e in entries)
        {
            var entry = zip.CreateEntry(e.Name);
            // st_mode in the high 16 bits: a symlink (0xA000) holds its target as data.
            entry.ExternalAttributes = (e.Symlink is not null ? 0xA1FF : 0x81A4) << 16;
            using var data = new StreamWriter(entry.Open());
            data.Write(e.Symlink ?? e.Name);
        }
    }

    /// <summary>A .conda (zip) whose pkg member carries the entries.</summary>
    private static void WriteConda(string path, IEnumerable<Entry> entries)
    {
        var stem = Path.GetFileName(path)[..^".conda".Length];
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Member(string name, IEnumerable<Entry> content)
        {
            using var raw = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            using var zstd = new CompressionStream(raw);
            WriteTarEntries(zstd, content);
        }
        using (var metadata = new StreamWriter(zip.CreateEntry("metadata.json").Open()))
            metadata.Write("{\"conda_pkg_format_version\": 2}");
        Member($"pkg-{stem}.tar.zst", entries);
        Member($"info-{stem}.tar.zst", [new Entry("info/index.json")]);
    }
}
