using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

/// <summary>
/// Archives with no payload (a metapackage: only info/), one file and several files open with Debian's cph,
/// with Python's tarfile as conda reads the components, and with the engine's own reader.
/// </summary>
public class PayloadSizeArchiveTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cr-payload-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    private static readonly string[][] Payloads = [[], ["share/one.txt"], ["bin/tool", "share/a/b.txt", "share/c.txt"]];

    [Test]
    public async Task Every_payload_size_opens_with_cph_python_and_the_engine([Values(".conda", ".tar.bz2")] string ext,
        [Values(0, 1, 2)] int payload)
    {
        var tree = Path.Combine(_root, "tree");
        Directory.CreateDirectory(tree);
        foreach (var file in Payloads[payload])
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(tree, file))!);
            File.WriteAllText(Path.Combine(tree, file), $"content of {file}\n");
        }
        InfoWriter.Write(tree, PackageFixture.Metadata("meta"), prefix: null);
        var archive = Path.Combine(_root, "meta-1.2.3-derecho_py312_1000" + ext);
        if (ext == ".conda") CondaArchiveWriter.Write(tree, archive);
        else TarBz2ArchiveWriter.Write(tree, archive);

        var byCph = Path.Combine(_root, "cph");
        var cph = await Cli.Wrap("cph").WithArguments(["x", archive, "--dest", byCph])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(cph.ExitCode, Is.EqualTo(0), cph.StandardError + cph.StandardOutput);
        Assert.That(PayloadOf(byCph), Is.EquivalentTo(Payloads[payload]), "cph");
        Assert.That(File.ReadAllText(Path.Combine(byCph, "info", "files")), Is.EqualTo(string.Concat(Payloads[payload].Order(StringComparer.Ordinal).Select(p => p + "\n"))));

        var byEngine = Path.Combine(_root, "engine");
        PackageArchiveReader.Extract(archive, byEngine);
        Assert.That(PayloadOf(byEngine), Is.EquivalentTo(Payloads[payload]), "engine");
        Assert.That((string?)PackageArchiveReader.ReadIndexJson(archive)["name"], Is.EqualTo("meta"));

        if (ext == ".conda")
            Assert.That(await CountTarMembersWithPythonAsync(archive), Is.EqualTo(Payloads[payload].Length),
                "each component is a tar that python-zstandard and tarfile read, as conda-package-streaming does");
    }

    private static IEnumerable<string> PayloadOf(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("info/", StringComparison.Ordinal));

    private static async Task<int> CountTarMembersWithPythonAsync(string archive)
    {
        const string check = """
            import sys, zipfile, zstandard, tarfile, io
            z = zipfile.ZipFile(sys.argv[1])
            name = [n for n in z.namelist() if n.startswith("pkg-")][0]
            tar = tarfile.open(fileobj=zstandard.ZstdDecompressor().stream_reader(io.BytesIO(z.read(name))), mode="r|")
            print(len([m for m in tar]))
            """;
        var result = await Cli.Wrap("/usr/bin/python3").WithArguments(["-c", check, archive])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        return int.Parse(result.StandardOutput.Trim());
    }
}
