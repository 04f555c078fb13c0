using System.Text.Json.Nodes;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

public class PackageWriterTests
{
    [Test]
    public async Task NoarchPython_GoesToNoarchSubdir_WithLinkJsonAndTestFiles()
    {
        using var f = await PackageFixture.CreateAsync();
        var runTest = Path.Combine(f.Scratch, "data.txt");
        await File.WriteAllTextAsync(runTest, "fixture\n");
        var metadata = PackageFixture.Metadata("demo-cli") with
        {
            Noarch = "python",
            EntryPoints = ["demo = demo.cli:main"],
            Test = new TestSpec { Commands = ["demo --help"], RunTestPy = "print('ok')\n", Files = [new MetadataFile(runTest, "files/data.txt")] },
        };
        var channel = Path.Combine(f.Scratch, "channel");
        var result = PackageWriter.Write(f.Prefix, metadata, f.Prefix, channel, PackageFormat.TarBz2);

        Assert.That(result.ArchivePath, Is.EqualTo(Path.Combine(channel, "noarch", "demo-cli-1.2.3-derecho_py312_1000.tar.bz2")));
        var info = PackageArchiveReader.ReadInfoFiles(result.ArchivePath);
        var link = JsonNode.Parse(info["info/link.json"])!;
        Assert.That((string)link["noarch"]!["type"]!, Is.EqualTo("python"));
        Assert.That(link["noarch"]!["entry_points"]!.AsArray().Select(e => (string)e!), Is.EqualTo(new[] { "demo = demo.cli:main" }));
        var index = JsonNode.Parse(info["info/index.json"])!;
        Assert.That((string)index["subdir"]!, Is.EqualTo("noarch"));
        Assert.That(index["arch"], Is.Null);
        Assert.That(System.Text.Encoding.UTF8.GetString(info["info/test/run_test.sh"]), Does.Contain("demo --help"));
        Assert.That(System.Text.Encoding.UTF8.GetString(info["info/test/run_test.py"]), Does.EndWith("print('ok')\n"));
        Assert.That(info.Keys, Does.Contain("info/test/files/data.txt"));
        Assert.That(result.Paths.Select(p => p.Path), Does.Contain("bin/hello"));
    }

    [Test]
    public async Task MissingTestFile_IsCodedError()
    {
        using var f = await PackageFixture.CreateAsync();
        var metadata = PackageFixture.Metadata() with
        {
            Test = new TestSpec { Files = [new MetadataFile(Path.Combine(f.Scratch, "absent.txt"), "absent.txt")] },
        };
        var ex = Assert.Throws<CondaRecipes.Diagnostics.CondaRecipesException>(() =>
            PackageWriter.Write(f.Prefix, metadata, f.Prefix, Path.Combine(f.Scratch, "channel")));
        Assert.That(ex!.Code, Is.EqualTo(PackagingErrorCodes.MetadataFileMissing));
        Assert.That(Directory.Exists(Path.Combine(f.Scratch, "channel")), Is.False);
    }
}
