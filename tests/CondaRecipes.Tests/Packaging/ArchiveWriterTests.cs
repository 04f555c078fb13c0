using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

public class ArchiveWriterTests
{
    private static async Task<(PackageFixture Fixture, IReadOnlyList<PathEntry> Paths)> BuildAsync()
    {
        var f = await PackageFixture.CreateAsync();
        var paths = InfoWriter.Write(f.Prefix, PackageFixture.Metadata(), f.Prefix);
        return (f, paths);
    }

    private static async Task CphExtractAsync(string archive, string dest)
    {
        var result = await Cli.Wrap("cph").WithArguments(["extract", archive, "--dest", dest])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(result.ExitCode, Is.EqualTo(0), $"cph extract failed: {result.StandardError}");
    }

    /// <summary>Every paths.json entry exists in <paramref name="dir"/> with its recorded size and sha256.</summary>
    private static void AssertMatchesPathsJson(string dir)
    {
        var paths = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "info", "paths.json")))!["paths"]!.AsArray();
        Assert.That(paths, Has.Count.GreaterThanOrEqualTo(7));
        foreach (var p in paths)
        {
            var full = Path.Combine(dir, (string)p!["_path"]!);
            switch ((string)p["path_type"]!)
            {
                case "directory":
                    Assert.That(Directory.Exists(full), Is.True, full);
                    break;
                case "softlink":
                    Assert.That(new FileInfo(full).LinkTarget, Is.Not.Null, $"{full} is not a symlink");
                    goto default;
                default:
                    var bytes = File.ReadAllBytes(full);
                    Assert.That(bytes.LongLength, Is.EqualTo((long)p["size_in_bytes"]!), full);
                    Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo((string)p["sha256"]!), full);
                    break;
            }
        }
    }

    [Test]
    public async Task PathsJson_RecordsPlaceholderModes_SymlinkAndEmptyDir()
    {
        var (f, paths) = await BuildAsync();
        using var _ = f;
        var byPath = paths.ToDictionary(p => p.Path);
        Assert.That(byPath["bin/hello"].FileMode, Is.EqualTo(PrefixFileMode.Binary));
        Assert.That(byPath["bin/hello"].PrefixPlaceholder, Is.EqualTo(f.Prefix));
        Assert.That(byPath["share/demo/demo.conf"].FileMode, Is.EqualTo(PrefixFileMode.Text));
        Assert.That(byPath["lib/plain.txt"].PrefixPlaceholder, Is.Null);
        Assert.That(byPath["lib/libdemo.so"].PathType, Is.EqualTo("softlink"));
        Assert.That(byPath["lib/libdemo.so"].Sha256, Is.EqualTo(byPath["lib/libdemo.so.1"].Sha256));
        Assert.That(byPath["share/demo/empty"].PathType, Is.EqualTo("directory"));
        Assert.That(paths.Select(p => p.Path), Has.None.StartsWith("info/"));

        var info = Path.Combine(f.Prefix, "info");
        var hasPrefix = await File.ReadAllLinesAsync(Path.Combine(info, "has_prefix"));
        Assert.That(hasPrefix, Does.Contain($"{f.Prefix} binary bin/hello"));
        Assert.That(hasPrefix, Does.Contain($"{f.Prefix} text share/demo/demo.conf"));
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(info, "index.json")))!;
        Assert.That(index["depends"]!.AsArray().Select(d => (string)d!), Is.EqualTo(new[] { "libgcc-ng >=12", "python >=3.12,<3.13" }));
        Assert.That((long)index["timestamp"]!, Is.EqualTo(1_700_000_000_123));
        Assert.That((string)index["subdir"]!, Is.EqualTo("linux-64"));
        Assert.That(File.Exists(Path.Combine(info, "recipe", "meta.yaml.template")), Is.True);
        Assert.That(File.Exists(Path.Combine(info, "run_exports.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(info, "link.json")), Is.False);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(info, "test", "run_test.py")), Does.Contain("import demo"));
        Assert.That(File.Exists(Path.Combine(info, "repodata_record.json")), Is.False);
    }

    [Test]
    public async Task Conda_ExtractsWithCph_AndMatchesPathsJson()
    {
        var (f, _) = await BuildAsync();
        using var _f = f;
        var archive = Path.Combine(f.Scratch, "out", "demo-1.2.3-derecho_py312_1000.conda");
        CondaArchiveWriter.Write(f.Prefix, archive);

        using (var zip = ZipFile.OpenRead(archive))
        {
            Assert.That(zip.Entries.Select(e => e.FullName), Is.EqualTo(new[]
            {
                "metadata.json", "pkg-demo-1.2.3-derecho_py312_1000.tar.zst", "info-demo-1.2.3-derecho_py312_1000.tar.zst",
            }));
            Assert.That(zip.Entries.Select(e => e.CompressedLength), Is.EqualTo(zip.Entries.Select(e => e.Length)), "stored, not deflated");
        }
        var dest = Path.Combine(f.Scratch, "cph-conda");
        await CphExtractAsync(archive, dest);
        AssertMatchesPathsJson(dest);
        Assert.That(File.Exists(Path.Combine(dest, "info", "index.json")), Is.True);
        Assert.That(Directory.EnumerateFiles(Path.GetDirectoryName(archive)!), Has.Exactly(1).Items, "no temp file left");
    }

    [Test]
    public async Task Conda_ZstdFramesCarryContentSize_ReadByPythonZstandard()
    {
        var (f, _) = await BuildAsync();
        using var _f = f;
        var archive = Path.Combine(f.Scratch, "demo-1.2.3-derecho_py312_1000.conda");
        CondaArchiveWriter.Write(f.Prefix, archive);
        // python-zstandard as conda uses it: the frame declares its size, and stream_reader yields the whole tar.
        const string check = """
            import sys, zipfile, zstandard, tarfile, io
            z = zipfile.ZipFile(sys.argv[1])
            for n in z.namelist()[1:]:
                data = z.read(n)
                size = zstandard.frame_content_size(data)
                tar = tarfile.open(fileobj=zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)), mode="r|")
                print(n.split("-")[0], size, len([m for m in tar]))
            """;
        var result = await Cli.Wrap("/usr/bin/python3").WithArguments(["-c", check, archive])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        var lines = result.StandardOutput.Trim().Split('\n').Select(l => l.Split(' ')).ToList();
        Assert.That(lines.Select(l => l[0]), Is.EqualTo(new[] { "pkg", "info" }));
        Assert.That(lines.Select(l => long.Parse(l[1])), Has.All.GreaterThan(0));
        Assert.That(int.Parse(lines[0][2]), Is.EqualTo(7));
    }

    [Test]
    public async Task TarBz2_ExtractsWithCph_InfoFirst_AndMatchesPathsJson()
    {
        var (f, _) = await BuildAsync();
        using var _f = f;
        var archive = Path.Combine(f.Scratch, "demo-1.2.3-derecho_py312_1000.tar.bz2");
        TarBz2ArchiveWriter.Write(f.Prefix, archive);
        var dest = Path.Combine(f.Scratch, "cph-bz2");
        await CphExtractAsync(archive, dest);
        AssertMatchesPathsJson(dest);

        var names = await Cli.Wrap("tar").WithArguments(["tvjf", archive]).ExecuteBufferedAsync();
        var lines = names.StandardOutput.Trim().Split('\n');
        Assert.That(lines[0], Does.Contain(" info/"));
        Assert.That(lines, Has.All.Contain(" 0/0 "), "uid/gid 0 with empty names");
    }

    [Test]
    public async Task Writers_AreDeterministic()
    {
        var (f, _) = await BuildAsync();
        using var _f = f;
        foreach (var ext in new[] { ".conda", ".tar.bz2" })
        {
            var a = Path.Combine(f.Scratch, "a", "demo-1.2.3-derecho_py312_1000" + ext);
            var b = Path.Combine(f.Scratch, "b", "demo-1.2.3-derecho_py312_1000" + ext);
            if (ext == ".conda") { CondaArchiveWriter.Write(f.Prefix, a); CondaArchiveWriter.Write(f.Prefix, b); }
            else { TarBz2ArchiveWriter.Write(f.Prefix, a); TarBz2ArchiveWriter.Write(f.Prefix, b); }
            Assert.That(await File.ReadAllBytesAsync(a), Is.EqualTo(await File.ReadAllBytesAsync(b)), ext);
        }
    }

    [Test]
    public async Task FailingWrite_LeavesNoFile()
    {
        var (f, _) = await BuildAsync();
        using var _f = f;
        var outDir = Path.Combine(f.Scratch, "fail");
        foreach (var ext in new[] { ".conda", ".tar.bz2" })
        {
            var archive = Path.Combine(outDir, "demo-1.2.3-derecho_py312_1000" + ext);
            var victim = Path.Combine(f.Prefix, "share", "demo", "demo.conf");
            var content = await File.ReadAllBytesAsync(victim);
            // The tree changes under the writer: a file listed at the start disappears before it is archived.
            var options = new ArchiveWriteOptions { EntryWritten = path => { if (path == "bin/hello") File.Delete(victim); } };
            var ex = Assert.Throws<CondaRecipesException>(() =>
            {
                if (ext == ".conda") CondaArchiveWriter.Write(f.Prefix, archive, options);
                else TarBz2ArchiveWriter.Write(f.Prefix, archive, options);
            });
            Assert.That(ex!.Code, Is.EqualTo(PackagingErrorCodes.ArchiveWriteFailed));
            Assert.That(Directory.EnumerateFileSystemEntries(outDir), Is.Empty, ext);
            await File.WriteAllBytesAsync(victim, content);
        }
    }

    [Test]
    public async Task InfoWriter_RefusesReservedPaths()
    {
        using var f = await PackageFixture.CreateAsync();
        Directory.CreateDirectory(Path.Combine(f.Prefix, "conda-meta"));
        var ex = Assert.Throws<CondaRecipesException>(() => InfoWriter.Write(f.Prefix, PackageFixture.Metadata(), f.Prefix));
        Assert.That(ex!.Code, Is.EqualTo(PackagingErrorCodes.ReservedPath));
    }
}
