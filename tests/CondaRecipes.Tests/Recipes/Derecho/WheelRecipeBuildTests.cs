using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CondaRecipes.Packaging;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// The torch recipe built for real by `dotnet build recipes/torch.proj` with the native engine. The only
/// stand-in is the wheel: a real PyTorch wheel needs Derecho's CUDA and hours of compiling, so the test
/// writes a minimal valid wheel with the same file name shape into the wheel directory (CondaWheelDir).
/// </summary>
public class WheelRecipeBuildTests
{
    private static void WriteWheel(string dir, string name, string version, string tag)
    {
        Directory.CreateDirectory(dir);
        var distInfo = $"{name}-{version}.dist-info";
        var files = new Dictionary<string, string>
        {
            [$"{name}/__init__.py"] = $"__version__ = '{version}'\n",
            [$"{distInfo}/METADATA"] = $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            [$"{distInfo}/WHEEL"] = $"Wheel-Version: 1.0\nGenerator: condarecipes-tests\nRoot-Is-Purelib: false\nTag: {tag}\n",
        };
        var record = new StringBuilder();
        using var zip = ZipFile.Open(Path.Combine(dir, $"{name}-{version}-{tag}.whl"), ZipArchiveMode.Create);
        foreach (var (path, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            using (var s = zip.CreateEntry(path).Open()) s.Write(bytes);
            var digest = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={digest},{bytes.Length}\n");
        }
        record.Append($"{distInfo}/RECORD,,\n");
        using (var s = zip.CreateEntry($"{distInfo}/RECORD").Open()) s.Write(Encoding.UTF8.GetBytes(record.ToString()));
    }

    [Test]
    public void Torch_recipe_repackages_the_wheel_of_its_version_and_Python_WithStandInWheel()
    {
        using var repo = new TestRepo();
        repo.CopyFromRepository("recipes");
        var wheels = repo.Path_("wheels");
        WriteWheel(wheels, "torch", "2.7.0+derecho.gcc.12.4.0", "cp311-cp311-linux_x86_64");
        WriteWheel(wheels, "torch", "2.6.0+derecho.gcc.12.4.0", "cp311-cp311-linux_x86_64");   // another version: ignored

        var r = repo.Build("recipes/torch.proj", "-p:PythonVersion=3.11", "-p:PytorchVersion=2.7.0",
            "-p:CondaSiteModules=false", "-p:CondaSkipTests=true", "-p:BuildProjectReferences=false", $"-p:CondaWheelDir={wheels}/");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        var package = repo.Path_("output", "linux-64", "pytorch-2.7.0-derecho_gcc_12.4.0_cray_mpich_8.1.29_py3.11_1000.conda");
        Assert.That(File.Exists(package), Is.True, r.ToString());
        var index = PackageArchiveReader.ReadIndexJson(package);
        var depends = index["depends"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        // pin_run_as_build (python x.x) replaces "python {{ PY_VER }}.*" by the pin of the host Python, as conda-build does.
        Assert.That(depends, Does.Contain("nccl * derecho*").And.Contain("python >=3.11,<3.12.0a0"));
        Assert.That(index["build_number"]!.GetValue<int>(), Is.EqualTo(1000));

        var extracted = repo.Path_("extracted");
        PackageArchiveReader.Extract(package, extracted);
        Assert.That(File.ReadAllText(Path.Combine(extracted, "lib", "python3.11", "site-packages", "torch", "__init__.py")),
            Does.Contain("2.7.0+derecho"));
    }

    [Test]
    public void Torch_recipe_fails_clearly_without_a_matching_wheel()
    {
        using var repo = new TestRepo();
        repo.CopyFromRepository("recipes");
        var wheels = repo.Path_("wheels");
        WriteWheel(wheels, "torch", "2.6.0", "cp311-cp311-linux_x86_64");

        var r = repo.Build("recipes/torch.proj", "-p:PythonVersion=3.11", "-p:PytorchVersion=2.7.0",
            "-p:CondaSiteModules=false", "-p:CondaSkipTests=true", "-p:BuildProjectReferences=false", $"-p:CondaWheelDir={wheels}/");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("expected one wheel torch-2.7.0"));
        Assert.That(Directory.Exists(repo.Path_("output", "linux-64")) &&
            Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "pytorch-*").Any(), Is.False);
    }
}
