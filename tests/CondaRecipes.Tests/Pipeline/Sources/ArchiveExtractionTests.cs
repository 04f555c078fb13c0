using System.Formats.Tar;
using System.IO.Compression;
using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Build.Sources;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ArchiveExtractionTests : SourceTestBase
{
    private Task PrepareFile(string work, string archive, string? fileName = null) =>
        Prepare(work, Spec() with { Urls = [new Uri(archive).AbsoluteUri], Sha256 = Sha256Of(archive), FileName = fileName });

    [TestCase("demo-1.0.tar.gz", "-z")]
    [TestCase("demo-1.0.tgz", "-z")]
    [TestCase("demo-1.0.tar.bz2", "-j")]
    [TestCase("demo-1.0.tar.xz", "-J")]
    [TestCase("demo-1.0.tar.zst", "--zstd")]
    [TestCase("demo-1.0.tar", "--no-auto-compress")]
    public async Task Tarballs_made_by_tar_are_extracted_and_hoisted(string name, string flag)
    {
        var archive = await MakeTarball(name, flag);
        var work = WorkDir();
        await PrepareFile(work, archive);
        Assert.That(File.ReadAllText(Path.Combine(work, "setup.py")), Is.EqualTo("print('setup')\n"));
        Assert.That(File.ReadAllText(Path.Combine(work, "pkg/__init__.py")), Is.EqualTo("x = 1\n"));
        Assert.That(new FileInfo(Path.Combine(work, "link.py")).LinkTarget, Is.EqualTo("setup.py"));
        Assert.That(Directory.GetFileSystemEntries(work).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "setup.py", "pkg", "link.py" }), "no extraction leftovers");
    }

    [Test]
    public async Task Zip_made_by_python_is_extracted_with_modes()
    {
        var src = MakeTree("zipsrc", ("demo-1.0/run.sh", "#!/bin/sh\n"), ("demo-1.0/a/b.txt", "b\n"));
        File.SetUnixFileMode(Path.Combine(src, "demo-1.0/run.sh"), (UnixFileMode)0b111_101_101);
        var archive = Path.Combine(Root, "demo-1.0.zip");
        await Run(src, "python3", "-m", "zipfile", "-c", archive, "demo-1.0");

        var work = WorkDir();
        await PrepareFile(work, archive);
        Assert.That(File.ReadAllText(Path.Combine(work, "a/b.txt")), Is.EqualTo("b\n"));
        Assert.That(File.GetUnixFileMode(Path.Combine(work, "run.sh")) & UnixFileMode.UserExecute,
            Is.EqualTo(UnixFileMode.UserExecute));
    }

    [Test]
    public async Task Wheel_and_plain_files_are_kept_as_files()
    {
        var src = MakeTree("whlsrc", ("demo/__init__.py", ""));
        var wheel = Path.Combine(Root, "demo-1.0-py3-none-any.whl");
        await Run(src, "python3", "-m", "zipfile", "-c", wheel, "demo");
        var license = Path.Combine(MakeTree("lic", ("LICENSE.txt", "MIT\n")), "LICENSE.txt");

        var work = WorkDir();
        await Prepare(work,
            Spec() with { Urls = [new Uri(wheel).AbsoluteUri], Sha256 = Sha256Of(wheel) },
            Spec() with { Urls = [new Uri(license).AbsoluteUri], Sha256 = Sha256Of(license) });

        Assert.That(File.ReadAllBytes(Path.Combine(work, "demo-1.0-py3-none-any.whl")), Is.EqualTo(File.ReadAllBytes(wheel)));
        Assert.That(File.ReadAllText(Path.Combine(work, "LICENSE.txt")), Is.EqualTo("MIT\n"));
        Assert.That(Directory.Exists(Path.Combine(work, "demo")), Is.False, "the wheel is not unpacked");
    }

    [Test]
    public async Task Several_top_level_entries_are_not_hoisted()
    {
        var src = MakeTree("flat", ("one/a.txt", "a"), ("two.txt", "2"));
        var archive = Path.Combine(Root, "flat.tar.gz");
        await Run(src, "tar", "-czf", archive, "one", "two.txt");
        var work = WorkDir();
        await PrepareFile(work, archive);
        Assert.That(File.Exists(Path.Combine(work, "one/a.txt")), Is.True);
        Assert.That(File.Exists(Path.Combine(work, "two.txt")), Is.True);
    }

    [Test]
    public async Task Fn_names_a_download_whose_url_has_no_file_name()
    {
        var archive = await MakeTarball("demo-1.0.tar.bz2", "-j");
        using var server = new LoopbackServer();
        var url = server.Serve("download", File.ReadAllBytes(archive));
        var work = WorkDir();
        await Prepare(work, Spec() with { Urls = [url], Sha256 = Sha256Of(archive), FileName = "demo-1.0.tar.bz2" });
        Assert.That(File.Exists(Path.Combine(work, "setup.py")), Is.True);
    }

    [TestCase("../evil.txt", "has a '..' component")]
    [TestCase("ok/../../evil.txt", "has a '..' component")]
    [TestCase("/tmp/evil.txt", "absolute path")]
    public void Traversing_entry_names_are_rejected(string name, string reason)
    {
        var archive = WriteTar("bad.tar.gz", w => w.WriteEntry(FileEntry(name, "evil")));
        AssertUnsafe(archive, reason);
    }

    [Test]
    public void Link_escaping_the_source_directory_is_rejected()
    {
        var archive = WriteTar("bad.tar.gz", w =>
        {
            w.WriteEntry(FileEntry("pkg/a.txt", "a"));
            w.WriteEntry(Link("pkg/up", "../../outside"));
        });
        AssertUnsafe(archive, "outside the destination");
    }

    [Test]
    public void Absolute_link_is_rejected()
    {
        var archive = WriteTar("bad.tar.gz", w => w.WriteEntry(Link("etc", "/etc")));
        AssertUnsafe(archive, "absolute path");
    }

    [Test]
    public void Link_created_under_another_link_cannot_escape()
    {
        // s/b points at the root (allowed); s/b/e -> .. would then be created in the root and point above it.
        var archive = WriteTar("bad.tar.gz", w =>
        {
            w.WriteEntry(FileEntry("s/keep.txt", "k"));
            w.WriteEntry(Link("s/b", ".."));
            w.WriteEntry(Link("s/b/e", ".."));
        });
        AssertUnsafe(archive, "outside the destination");
    }

    [Test]
    public void Later_link_that_makes_an_earlier_one_escape_is_rejected()
    {
        // l1 -> x/.. is harmless while x does not exist; x -> . then makes l1 the parent of the root.
        var archive = WriteTar("bad.tar.gz", w =>
        {
            w.WriteEntry(FileEntry("f.txt", "f"));
            w.WriteEntry(Link("l1", "x/.."));
            w.WriteEntry(Link("x", "."));
        });
        AssertUnsafe(archive, "other links make point outside");
    }

    [Test]
    public async Task Link_inside_the_tree_through_dot_dot_is_accepted()
    {
        var archive = WriteTar("good.tar.gz", w =>
        {
            w.WriteEntry(FileEntry("lib64/libfoo.so.1", "elf"));
            w.WriteEntry(Link("lib/libfoo.so", "../lib64/libfoo.so.1"));
        });
        var work = WorkDir();
        await PrepareFile(work, archive);
        Assert.That(File.ReadAllText(Path.Combine(work, "lib/libfoo.so")), Is.EqualTo("elf"));
    }

    [TestCase("junk.tar.gz")]
    [TestCase("junk.tar.xz")]
    [TestCase("junk.tar.bz2")]
    [TestCase("junk.tar.zst")]
    [TestCase("junk.zip")]
    public void Corrupt_archive_is_a_coded_error(string name)
    {
        var junk = Path.Combine(Root, name);
        File.WriteAllBytes(junk, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 251)).ToArray());
        var e = Assert.ThrowsAsync<CondaRecipesException>(() => PrepareFile(WorkDir(), junk));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.ArchiveUnreadable));
        Assert.That(e.Message, Does.Contain(name));
    }

    private void AssertUnsafe(string archive, string reason)
    {
        var work = WorkDir();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() => PrepareFile(work, archive));
        Assert.That(e!.Code, Is.AnyOf(PackagingErrorCodes.UnsafeEntryPath, PackagingErrorCodes.UnsafeLinkTarget));
        Assert.That(e.Message, Does.Contain(reason));
        Assert.That((e.File, e.Line), Is.EqualTo((MetaYaml, 5)));
        Assert.That(Directory.Exists(work), Is.False);
        Assert.That(File.Exists(Path.Combine(Root, "evil.txt")), Is.False);
        Assert.That(File.Exists("/tmp/evil.txt"), Is.False);
    }

    private string WriteTar(string name, Action<TarWriter> write)
    {
        var path = Path.Combine(Root, name);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
            write(writer);
        return path;
    }

    private static PaxTarEntry FileEntry(string name, string text) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) };

    private static PaxTarEntry Link(string name, string target) =>
        new(TarEntryType.SymbolicLink, name) { LinkName = target };
}
