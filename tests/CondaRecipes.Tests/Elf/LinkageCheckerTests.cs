using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

[TestFixture]
public class LinkageCheckerTests
{
    private string _dir = null!;
    private HostRpathTree _tree = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("cr-elf-link-").FullName;
        _tree = HostRpathTree.Build(_dir, "", "-Wl,--enable-new-dtags");
        ElfRelocator.Relocate(_tree.Prefix, HostRpathTree.Files,
            new RelocationSettings { HostRunpathWhitelist = [_tree.WhitelistGlob] }, new List<Diagnostic>());
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private LinkageSettings Settings => new() { HostRunpathWhitelist = [_tree.WhitelistGlob] };

    [Test]
    public void Resolve_RelocatedTree_FindsPackageHostAndSystemLibraries()
    {
        var resolutions = LinkageChecker.Resolve(_tree.Prefix, HostRpathTree.Files, Settings);

        Assert.That(resolutions.Where(r => r.File == "bin/demo").Select(r => (r.Library, r.Source)), Is.EquivalentTo(new[]
        {
            ("libdemo.so", DsoSource.Package), ("libhostmpi.so", DsoSource.HostWhitelisted), ("libc.so.6", DsoSource.System),
        }));
        Assert.That(resolutions.Single(r => r.File == "bin/demo" && r.Library == "libdemo.so").Path,
            Is.EqualTo(Path.Combine(_tree.Prefix, "bin", "..", "lib", "libdemo.so")).Or.EqualTo(_tree.LibDemo));
        Assert.That(resolutions.Single(r => r.File == "bin/demo" && r.Library == "libhostmpi.so").Path,
            Is.EqualTo(Path.Combine(_tree.HostLib, "libhostmpi.so")));
        Assert.That(LinkageChecker.Check(_tree.Prefix, HostRpathTree.Files, Settings), Is.Empty);
    }

    [Test]
    public void Check_HostLibraryAbsent_ReportsCR3201WithExactWording()
    {
        File.Delete(Path.Combine(_tree.HostLib, "libhostmpi.so"));

        var diagnostics = LinkageChecker.Check(_tree.Prefix, HostRpathTree.Files, Settings);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "bin/demo: warning CR3201: 'bin/demo' needs 'libhostmpi.so', which is not in the package, the run dependencies, the system libraries or a whitelisted host RPATH directory, and matches no missing_dso_whitelist pattern. Add the library's package to requirements/run, or its name to build/missing_dso_whitelist.",
            "lib/libdemo.so: warning CR3201: 'lib/libdemo.so' needs 'libhostmpi.so', which is not in the package, the run dependencies, the system libraries or a whitelisted host RPATH directory, and matches no missing_dso_whitelist pattern. Add the library's package to requirements/run, or its name to build/missing_dso_whitelist.",
        }));
    }

    [Test]
    public void A_library_of_a_sibling_output_in_run_is_found_as_a_run_dependency()
    {
        // Split packages: bin/demo is one output, lib/libdemo.so another that it lists in run.
        var resolutions = LinkageChecker.Resolve(_tree.Prefix, ["bin/demo"], Settings with { RunDependencyFiles = new HashSet<string> { "lib/libdemo.so" } });
        Assert.That(resolutions.Single(r => r.Library == "libdemo.so").Source, Is.EqualTo(DsoSource.RunDependency));

        var alone = LinkageChecker.Resolve(_tree.Prefix, ["bin/demo"], Settings);
        Assert.That(alone.Single(r => r.Library == "libdemo.so").Source, Is.Not.EqualTo(DsoSource.RunDependency));
    }

    [Test]
    public void Check_Strict_ReportsErrors()
    {
        File.Delete(Path.Combine(_tree.HostLib, "libhostmpi.so"));
        var diagnostics = LinkageChecker.Check(_tree.Prefix, HostRpathTree.Files, Settings with { Strict = true });
        Assert.That(diagnostics.Select(d => d.Severity), Is.EqualTo(new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Error }));
    }

    [Test]
    public void Check_HostDirectoryNotWhitelistedForTheCheck_IsNotSearched()
    {
        var diagnostics = LinkageChecker.Check(_tree.Prefix, HostRpathTree.Files, Settings with { HostRunpathWhitelist = [] });
        Assert.That(diagnostics.Select(d => (d.File, d.Code)), Is.EqualTo(new[] { ("bin/demo", "CR3201"), ("lib/libdemo.so", "CR3201") }));
    }

    [TestCase("libhostmpi.so")]
    [TestCase("libhost*")]
    [TestCase("$RPATH/libhostmpi.so")]
    [TestCase("*/opt-cray/lib/libhostmpi.so")]
    public void Check_MissingDsoWhitelist_MatchesNameOrSearchedPath(string pattern)
    {
        File.Delete(Path.Combine(_tree.HostLib, "libhostmpi.so"));
        var settings = Settings with { MissingDsoWhitelist = [pattern] };

        Assert.That(LinkageChecker.Check(_tree.Prefix, HostRpathTree.Files, settings), Is.Empty);
        Assert.That(LinkageChecker.Resolve(_tree.Prefix, HostRpathTree.Files, settings).Count(r => r.Source == DsoSource.MissingWhitelisted),
            Is.EqualTo(2));
    }

    [Test]
    public void Check_RunDependencyDirectory_Resolves()
    {
        var runDep = Path.Combine(_dir, "run-dep-env", "lib");
        Directory.CreateDirectory(runDep);
        File.Move(Path.Combine(_tree.HostLib, "libhostmpi.so"), Path.Combine(runDep, "libhostmpi.so"));
        var settings = Settings with { RunDependencyLibraryDirs = [runDep] };

        Assert.That(LinkageChecker.Check(_tree.Prefix, HostRpathTree.Files, settings), Is.Empty);
        Assert.That(LinkageChecker.Resolve(_tree.Prefix, HostRpathTree.Files, settings)
            .Where(r => r.Library == "libhostmpi.so").Select(r => r.Source), Is.All.EqualTo(DsoSource.RunDependency));
    }

    [Test]
    public void Check_SystemLibraryOnDisk_Resolves()
    {
        // libm is in the glibc name list; libz (if present) only through the system directories.
        var systemLib = LinkageSettings.DefaultSystemLibraryDirs.Select(d => Path.Combine(d, "libz.so.1")).FirstOrDefault(File.Exists);
        if (systemLib is null) Assert.Ignore("no libz.so.1 in the system library directories");
        var src = NativeTools.WriteSource(_dir, "z.c", "int zlibVersion(void); int f(void){return zlibVersion() != 0;}\n");
        NativeTools.Run("gcc", "-shared", "-fPIC", src, systemLib!, "-o", Path.Combine(_tree.Prefix, "lib", "libz-user.so"));

        var r = LinkageChecker.Resolve(_tree.Prefix, ["lib/libz-user.so"], Settings).Single(x => x.Library == "libz.so.1");

        Assert.That(r.Source, Is.EqualTo(DsoSource.System));
        Assert.That(r.Path, Is.EqualTo(systemLib));
    }

    [Test]
    public void Check_LibraryInPackageButNotOnRpath_ReportsCR3202()
    {
        var src = NativeTools.WriteSource(_dir, "o.c", "int demo_value(void); int host_mpi_rank(void); int main(void){return demo_value() + host_mpi_rank() != 49;}\n");
        NativeTools.Run("gcc", src, "-L" + Path.Combine(_tree.Prefix, "lib"), "-ldemo", "-L" + _tree.HostLib, "-lhostmpi",
            "-o", Path.Combine(_tree.Prefix, "bin", "norpath"));

        var diagnostics = LinkageChecker.Check(_tree.Prefix, ["bin/norpath", "lib/libdemo.so"], Settings);

        Assert.That(diagnostics.Select(d => (d.File, d.Code)), Is.EqualTo(new[]
        {
            ("bin/norpath", "CR3202"), ("bin/norpath", "CR3201"),
        }));
        Assert.That(diagnostics[0].Message, Does.StartWith($"'bin/norpath' needs 'libdemo.so', which is in the package at '{_tree.LibDemo}' but on none of the file's RPATH directories."));
    }

    [Test]
    public void Check_NeededNameProvidedBySymlinkInThePackage_Resolves()
    {
        // libdemo.so renamed to its versioned file with the usual symlink; bin/demo needs "libdemo.so".
        var versioned = Path.Combine(_tree.Prefix, "lib", "libdemo.so.1.0");
        File.Move(_tree.LibDemo, versioned);
        File.CreateSymbolicLink(_tree.LibDemo, "libdemo.so.1.0");
        string[] files = ["bin/demo", "lib/libdemo.so", "lib/libdemo.so.1.0"];

        var resolutions = LinkageChecker.Resolve(_tree.Prefix, files, Settings);

        Assert.That(resolutions.Single(r => r.File == "bin/demo" && r.Library == "libdemo.so").Source, Is.EqualTo(DsoSource.Package));
        Assert.That(resolutions.Count(r => r.File == "lib/libdemo.so"), Is.Zero, "the symlink is not checked twice");
        Assert.That(LinkageChecker.Check(_tree.Prefix, files, Settings), Is.Empty);
    }
}
