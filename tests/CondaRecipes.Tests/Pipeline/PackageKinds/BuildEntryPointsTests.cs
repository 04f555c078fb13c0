using CondaRecipes.Packaging;
using CondaRecipes.Pipeline.Collect;

namespace CondaRecipes.Tests.Pipeline.PackageKinds;

/// <summary>conda-build's console scripts for build/entry_points, per kind of package.</summary>
public class BuildEntryPointsTests
{
    private string _prefix = null!;

    [SetUp]
    public void Create() => _prefix = Directory.CreateTempSubdirectory("cr-entry-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_prefix, recursive: true);

    private static readonly PythonEntryPoint[] Tools = [PythonEntryPoint.Parse("tool = pkg.cli:group.main")];

    [Test]
    public void An_ordinary_package_gets_a_script_running_the_host_python()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_prefix, "bin")).FullName, "tool"), "pip's script\n");
        Assert.That(BuildEntryPoints.Write(_prefix, noarch: null, Tools), Is.EqualTo(new[] { "bin/tool" }));
        var path = Path.Combine(_prefix, "bin", "tool");
        Assert.That(File.ReadAllText(path), Is.EqualTo(
            $"#!{_prefix}/bin/python\n\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n\nfrom pkg.cli import group\n\n" +
            "if __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw?|\\.exe)?$', '', sys.argv[0])\n    sys.exit(group.main())\n"));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo((UnixFileMode)0b111_111_101));
    }

    [Test]
    public void A_noarch_generic_package_gets_the_script_without_shebang_and_noarch_python_none()
    {
        BuildEntryPoints.Write(_prefix, "generic", Tools);
        Assert.That(File.ReadAllText(Path.Combine(_prefix, "bin", "tool")), Does.StartWith("\n# -*- coding: utf-8 -*-\n"));
        File.Delete(Path.Combine(_prefix, "bin", "tool"));
        Assert.That(BuildEntryPoints.Write(_prefix, "python", Tools), Is.Empty);
        Assert.That(File.Exists(Path.Combine(_prefix, "bin", "tool")), Is.False, "conda writes them at install");
    }
}
