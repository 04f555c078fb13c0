using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

[TestFixture]
public class ElfRelocatorTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-elf-reloc-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private HostRpathTree BuildTree(string arch = "", string dtags = "-Wl,--disable-new-dtags")
    {
        if (arch == "-m32" && NativeTools.Why32BitLinkUnavailable(_dir) is { } why) Assert.Ignore(why);
        return HostRpathTree.Build(_dir, arch, dtags);
    }

    private static string RunProgram(string exe)
    {
        var r = NativeTools.Exec(exe, [], env: new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null });
        return r.ExitCode == 0 ? r.StandardOutput.Trim() : $"exit {r.ExitCode}: {r.StandardError.Trim()}";
    }

    [TestCase("", "-Wl,--disable-new-dtags", TestName = "Relocate_64bitRpath_KeepsHostMakesPrefixRelativeRemovesOther")]
    [TestCase("", "-Wl,--enable-new-dtags", TestName = "Relocate_64bitRunpath_KeepsHostMakesPrefixRelativeRemovesOther")]
    [TestCase("-m32", "-Wl,--disable-new-dtags", TestName = "Relocate_32bitRpath_KeepsHostMakesPrefixRelativeRemovesOther")]
    [TestCase("-m32", "-Wl,--enable-new-dtags", TestName = "Relocate_32bitRunpath_KeepsHostMakesPrefixRelativeRemovesOther")]
    public void Relocate_HostTree(string arch, string dtags)
    {
        var tree = BuildTree(arch, dtags);
        var runpath = dtags.Contains("enable");
        var diagnostics = new List<Diagnostic>();
        var spawnedBefore = Patchelf.ProcessesStarted;

        var results = ElfRelocator.Relocate(tree.Prefix, HostRpathTree.Files,
            new RelocationSettings { HostRunpathWhitelist = [tree.WhitelistGlob] }, diagnostics);

        // What readelf sees: the tag kept, the host path kept, the prefix path relative, the other one gone.
        var demo = NativeTools.Readelf(tree.Demo);
        var lib = NativeTools.Readelf(tree.LibDemo);
        Assert.That(runpath ? demo.Runpath : demo.Rpath, Is.EqualTo($"{tree.HostLib}:$ORIGIN/../lib"));
        Assert.That(runpath ? demo.Rpath : demo.Runpath, Is.Null);
        Assert.That(runpath ? lib.Runpath : lib.Rpath, Is.EqualTo($"{tree.HostLib}:$ORIGIN"));
        Assert.That(demo.Needed, Is.EquivalentTo(new[] { "libdemo.so", "libhostmpi.so", "libc.so.6" }));

        Assert.That(results.Select(r => (r.RelativePath, r.Outcome, r.Method)), Is.EqualTo(new[]
        {
            ("bin/demo", RelocationOutcome.Rewritten, RpathWriteMethod.InPlace),
            ("lib/libdemo.so", RelocationOutcome.Rewritten, RpathWriteMethod.InPlace),
            ("share/readme.txt", RelocationOutcome.NotElf, RpathWriteMethod.None),
        }));
        Assert.That(results[0].Tag, Is.EqualTo(runpath ? RpathTag.Runpath : RpathTag.Rpath));
        Assert.That(Patchelf.ProcessesStarted, Is.EqualTo(spawnedBefore), "in-place rewrites start no process");

        var tagName = runpath ? "RUNPATH" : "RPATH";
        Assert.That(diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            $"bin/demo: warning CR3101: {tagName} entry '/usr/local/not-whitelisted' is outside the host prefix and matches no host_runpath_whitelist pattern ({tree.WhitelistGlob}); removed.",
            $"lib/libdemo.so: warning CR3101: {tagName} entry '/usr/local/not-whitelisted' is outside the host prefix and matches no host_runpath_whitelist pattern ({tree.WhitelistGlob}); removed.",
        }));

        // The prefix moved elsewhere: the program still finds libdemo ($ORIGIN) and libhostmpi (host path),
        // checked through the search paths the files carry, then (where this kernel runs the program) by running it.
        var moved = Path.Combine(_dir, "installed-elsewhere");
        Directory.Move(tree.Prefix, moved);
        var movedDemo = Path.Combine(moved, "bin", "demo");
        Assert.That(NativeTools.UnresolvedThroughSearchPath(movedDemo, "libdemo.so", "libhostmpi.so"), Is.Empty);
        Assert.That(NativeTools.UnresolvedThroughSearchPath(Path.Combine(moved, "lib", "libdemo.so"), "libhostmpi.so"), Is.Empty);
        if (arch == "-m32")
            Assume.That(NativeTools.KernelRuns32Bit, "this kernel does not run 32-bit programs; only running the moved program is skipped");
        Assert.That(RunProgram(movedDemo), Is.EqualTo(HostRpathTree.ExpectedOutput));
    }

    [Test]
    public void Control_WithoutRelocation_MovedProgramDoesNotFindItsLibrary()
    {
        var tree = BuildTree();
        Assert.That(RunProgram(tree.Demo), Is.EqualTo(HostRpathTree.ExpectedOutput));
        var moved = Path.Combine(_dir, "moved");
        Directory.Move(tree.Prefix, moved);
        Assert.That(NativeTools.UnresolvedThroughSearchPath(Path.Combine(moved, "bin", "demo"), "libdemo.so", "libhostmpi.so"),
            Is.EqualTo(new[] { "libdemo.so" }), "the search-path check sees what the loader sees");
        Assert.That(RunProgram(Path.Combine(moved, "bin", "demo")), Does.Contain("libdemo.so"));
    }

    [Test]
    public void Relocate_BigEndianLibrary_RewritesInPlace()
    {
        const string target = "s390x-linux-gnu";
        if (!File.Exists($"/usr/bin/{target}-ld")) Assert.Ignore($"apt-get install binutils-{target}");
        var prefix = Path.Combine(_dir, "prefix");
        Directory.CreateDirectory(Path.Combine(prefix, "lib"));
        var asm = NativeTools.WriteSource(_dir, "f.s", ".text\n.globl f\nf:\n nop\n");
        var obj = Path.Combine(_dir, "f.o");
        NativeTools.Run($"{target}-as", asm, "-o", obj);
        var lib = Path.Combine(prefix, "lib", "libbe.so");
        NativeTools.Run($"{target}-ld", "-shared", "--enable-new-dtags", "-rpath", $"/opt/cray/lib:{prefix}/lib:/nope", "-o", lib, obj);
        var diagnostics = new List<Diagnostic>();

        var r = ElfRelocator.Relocate(prefix, ["lib/libbe.so"], new RelocationSettings { HostRunpathWhitelist = ["/opt/cray/*"] }, diagnostics).Single();

        Assert.That(r.Method, Is.EqualTo(RpathWriteMethod.InPlace));
        Assert.That(NativeTools.Readelf(lib).Runpath, Is.EqualTo("/opt/cray/lib:$ORIGIN"));
        Assert.That(diagnostics.Single().Code, Is.EqualTo("CR3101"));
    }

    [Test]
    public void Relocate_LongerValue_FallsBackToPatchelfWritingRpath()
    {
        var prefix = Path.Combine(_dir, "prefix");
        var src = NativeTools.WriteSource(_dir, "p.c", "int p(void){return 1;}\n");
        var lib = Path.Combine(prefix, "lib", "libp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(lib)!);
        NativeTools.Run("gcc", "-shared", "-fPIC", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN", src, "-o", lib);
        var spawnedBefore = Patchelf.ProcessesStarted;
        var settings = new RelocationSettings { Rpaths = ["lib", "lib/plugins/a/rather/long/directory"] };

        var r = ElfRelocator.Relocate(prefix, ["lib/libp.so"], settings, new List<Diagnostic>()).Single();

        Assert.That(r.Outcome, Is.EqualTo(RelocationOutcome.Rewritten));
        Assert.That(r.Method, Is.EqualTo(RpathWriteMethod.Patchelf));
        Assert.That(r.Detail, Does.Contain("longer than the old one"));
        var readelf = NativeTools.Readelf(lib);
        Assert.That(readelf.ExitCode, Is.Zero);
        Assert.That(readelf.Rpath, Is.EqualTo("$ORIGIN:$ORIGIN/plugins/a/rather/long/directory"));
        Assert.That(readelf.Runpath, Is.Null);
        Assert.That(Patchelf.ProcessesStarted, Is.EqualTo(spawnedBefore + 1));
    }

    [Test]
    public void Relocate_ProgramWithoutRpath_GetsRpathThroughPatchelfAndRuns()
    {
        var tree = BuildTree();
        var src = NativeTools.WriteSource(_dir, "plain.c", "#include <stdio.h>\nint demo_value(void);\nint main(void){printf(\"%d\\n\", demo_value());return 0;}\n");
        var plain = Path.Combine(tree.Prefix, "bin", "plain");
        NativeTools.Run("gcc", src, "-L" + Path.Combine(tree.Prefix, "lib"), "-ldemo", "-o", plain);
        Assert.That(NativeTools.Readelf(plain).Rpath, Is.Null);

        var results = ElfRelocator.Relocate(tree.Prefix, ["bin/plain", "lib/libdemo.so"],
            new RelocationSettings { HostRunpathWhitelist = [tree.WhitelistGlob] }, new List<Diagnostic>());

        Assert.That(results[0].Outcome, Is.EqualTo(RelocationOutcome.Rewritten));
        Assert.That(results[0].Method, Is.EqualTo(RpathWriteMethod.Patchelf));
        Assert.That(results[0].Detail, Is.EqualTo("the file has no DT_RPATH"));
        Assert.That(NativeTools.Readelf(plain).Rpath, Is.EqualTo("$ORIGIN/../lib"));
        Assert.That(RunProgram(plain), Is.EqualTo("42"));
    }

    [Test]
    public void Relocate_RpathsPatcherPatchelf_UsesPatchelfEvenWhenItFits()
    {
        var tree = BuildTree(dtags: "-Wl,--enable-new-dtags");
        var r = ElfRelocator.Relocate(tree.Prefix, ["bin/demo"],
            new RelocationSettings { HostRunpathWhitelist = [tree.WhitelistGlob], Patcher = RpathPatcher.Patchelf }, new List<Diagnostic>()).Single();

        Assert.That(r.Outcome, Is.EqualTo(RelocationOutcome.Rewritten));
        Assert.That(r.Method, Is.EqualTo(RpathWriteMethod.Patchelf));
        Assert.That(NativeTools.Readelf(tree.Demo).Rpath, Is.EqualTo($"{tree.HostLib}:$ORIGIN/../lib"));
        Assert.That(RunProgram(tree.Demo), Is.EqualTo(HostRpathTree.ExpectedOutput));
    }

    [Test]
    public void Relocate_BinaryRelocationFalse_TouchesNothing()
    {
        var tree = BuildTree();
        var before = File.ReadAllBytes(tree.Demo);
        var results = ElfRelocator.Relocate(tree.Prefix, HostRpathTree.Files,
            new RelocationSettings { BinaryRelocation = false }, new List<Diagnostic>());

        Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(RelocationOutcome.NotSelected));
        Assert.That(File.ReadAllBytes(tree.Demo), Is.EqualTo(before));
    }

    [Test]
    public void Relocate_BinaryRelocationGlobs_OnlyMatchingFiles()
    {
        var tree = BuildTree();
        var libBefore = File.ReadAllBytes(tree.LibDemo);
        var results = ElfRelocator.Relocate(tree.Prefix, HostRpathTree.Files,
            new RelocationSettings { HostRunpathWhitelist = [tree.WhitelistGlob], BinaryRelocationFiles = ["bin/*"] }, new List<Diagnostic>());

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[]
            { RelocationOutcome.Rewritten, RelocationOutcome.NotSelected, RelocationOutcome.NotSelected }));
        Assert.That(File.ReadAllBytes(tree.LibDemo), Is.EqualTo(libBefore));
    }

    [Test]
    public void Relocate_Twice_SecondRunChangesNothing()
    {
        var tree = BuildTree();
        var settings = new RelocationSettings { HostRunpathWhitelist = [tree.WhitelistGlob] };
        ElfRelocator.Relocate(tree.Prefix, HostRpathTree.Files, settings, new List<Diagnostic>());
        var after = File.ReadAllBytes(tree.Demo);
        var diagnostics = new List<Diagnostic>();

        var second = ElfRelocator.Relocate(tree.Prefix, HostRpathTree.Files, settings, diagnostics);

        Assert.That(second.Take(2).Select(r => r.Outcome), Is.All.EqualTo(RelocationOutcome.Unchanged));
        Assert.That(diagnostics, Is.Empty);
        Assert.That(File.ReadAllBytes(tree.Demo), Is.EqualTo(after));
    }

    [Test]
    public void Relocate_PatchelfMissing_ReportsCR3003AndLeavesFileIntact()
    {
        var prefix = Path.Combine(_dir, "prefix");
        var src = NativeTools.WriteSource(_dir, "p.c", "int p(void){return 1;}\n");
        var lib = Path.Combine(prefix, "lib", "libp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(lib)!);
        NativeTools.Run("gcc", "-shared", "-fPIC", src, "-o", lib);
        var before = File.ReadAllBytes(lib);
        var diagnostics = new List<Diagnostic>();

        var r = ElfRelocator.Relocate(prefix, ["lib/libp.so"],
            new RelocationSettings { PatchelfPath = Path.Combine(_dir, "no-such-patchelf") }, diagnostics).Single();

        Assert.That(r.Outcome, Is.EqualTo(RelocationOutcome.Failed));
        Assert.That(diagnostics.Single().Code, Is.EqualTo("CR3003"));
        Assert.That(diagnostics.Single().File, Is.EqualTo("lib/libp.so"));
        Assert.That(diagnostics.Single().Message, Does.Contain("Install patchelf"));
        Assert.That(File.ReadAllBytes(lib), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(lib)!), Is.EqualTo(new[] { lib }), "no temp file left behind");
    }

    [Test]
    public void Relocate_RpathSharingBytesWithASymbolName_IsNotRewrittenInPlace()
    {
        // ld merges string tails: the symbol "xlib" points into the RPATH string ".../xlib".
        var prefix = Path.Combine(_dir, "prefix");
        var src = NativeTools.WriteSource(_dir, "x.c", "int xlib(void){return 1;}\n");
        var lib = Path.Combine(prefix, "lib", "libx.so");
        Directory.CreateDirectory(Path.GetDirectoryName(lib)!);
        NativeTools.Run("gcc", "-shared", "-fPIC", "-Wl,--disable-new-dtags", $"-Wl,-rpath,{prefix}/xlib", src, "-o", lib);

        var r = ElfRelocator.Relocate(prefix, ["lib/libx.so"], new RelocationSettings { Rpaths = [] }, new List<Diagnostic>()).Single();

        Assert.That(r.Outcome, Is.EqualTo(RelocationOutcome.Rewritten));
        Assert.That(r.Method, Is.EqualTo(RpathWriteMethod.Patchelf));
        Assert.That(r.Detail, Is.EqualTo("another dynamic string shares the old value's bytes"));
        Assert.That(NativeTools.Readelf(lib).Rpath, Is.EqualTo("$ORIGIN/../xlib"));
        Assert.That(NativeTools.Run("readelf", "--dyn-syms", "-W", lib), Does.Match(@"\sxlib\n"));
    }

    [Test]
    public void Relocate_TruncatedObjectAndStaticFiles_AreReportedAndLeftAlone()
    {
        var prefix = Path.Combine(_dir, "prefix");
        Directory.CreateDirectory(Path.Combine(prefix, "lib"));
        var src = NativeTools.WriteSource(_dir, "o.c", "int o(void){return 1;}\n");
        NativeTools.Run("gcc", "-c", src, "-o", Path.Combine(prefix, "lib", "o.o"));
        NativeTools.Run("gcc", "-shared", "-fPIC", src, "-o", Path.Combine(_dir, "full.so"));
        File.WriteAllBytes(Path.Combine(prefix, "lib", "cut.so"), File.ReadAllBytes(Path.Combine(_dir, "full.so"))[..3000]);
        var diagnostics = new List<Diagnostic>();

        var results = ElfRelocator.Relocate(prefix, ["lib/o.o", "lib/cut.so"], new RelocationSettings(), diagnostics);

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { RelocationOutcome.NoDynamicSection, RelocationOutcome.Invalid }));
        Assert.That(diagnostics.Single().Code, Is.EqualTo("CR3001"));
        Assert.That(diagnostics.Single().File, Is.EqualTo("lib/cut.so"));
        Assert.That(File.ReadAllBytes(Path.Combine(prefix, "lib", "cut.so")), Has.Length.EqualTo(3000));
    }

    [Test]
    public void Relocate_Symlink_IsSkippedAndItsTargetRelocatedOnce()
    {
        var tree = BuildTree();
        File.CreateSymbolicLink(Path.Combine(tree.Prefix, "lib", "libdemo.so.1"), "libdemo.so");

        var results = ElfRelocator.Relocate(tree.Prefix, ["lib/libdemo.so.1", "lib/libdemo.so"],
            new RelocationSettings { HostRunpathWhitelist = [tree.WhitelistGlob] }, new List<Diagnostic>());

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { RelocationOutcome.Symlink, RelocationOutcome.Rewritten }));
        Assert.That(new FileInfo(Path.Combine(tree.Prefix, "lib", "libdemo.so.1")).LinkTarget, Is.EqualTo("libdemo.so"));
    }
}
