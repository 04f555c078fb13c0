using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

/// <summary>
/// Relocation of a large shared library (a gcc-built library carrying an 80 MB non-loaded section, as CUDA
/// and torch libraries carry large payloads): the engine reads only headers and tables and writes only
/// the changed bytes, so what it allocates stays far below the file size. readelf checks the result.
/// </summary>
[TestFixture]
public class ElfLargeFileRelocationTests
{
    private const long PadBytes = 80L << 20;
    private const long AllocationBudget = 4L << 20;
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-elf-large-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string BuildPaddedLibrary(string prefix)
    {
        var lib = Path.Combine(prefix, "lib");
        Directory.CreateDirectory(lib);
        var src = NativeTools.WriteSource(Path.Combine(_dir, "src"), "big.c", "int big_value(void) { return 42; }\n");
        var small = Path.Combine(_dir, "libbig-small.so");
        NativeTools.Run("gcc", ["-shared", "-fPIC", "-Wl,--disable-new-dtags", "-Wl,-soname,libbig.so",
            "-Wl,-rpath," + lib + ":" + HostRpathTree.NotWhitelisted, src, "-o", small]);

        var pad = Path.Combine(_dir, "pad.bin");
        using (var stream = File.Create(pad))
        {
            var block = new byte[1 << 20];
            for (var i = 0; i < block.Length; i++) block[i] = (byte)(i * 31 + 7);
            for (long done = 0; done < PadBytes; done += block.Length) stream.Write(block);
        }
        var padded = Path.Combine(lib, "libbig.so");
        NativeTools.Run("objcopy", ["--add-section", ".bigpayload=" + pad, "--set-section-flags", ".bigpayload=noload,readonly", small, padded]);
        File.Delete(pad);
        return padded;
    }

    /// <summary>Past 2 GB, where a whole-file read cannot work at all: the library is extended (sparsely) past
    /// its section headers. Explicit: the verified copy writes 2.2 GB to disk.</summary>
    [Test, Explicit("writes a 2.2 GB copy")]
    public void Relocate_LibraryPast2GB_InPlace_Succeeds()
    {
        var prefix = Path.Combine(_dir, "prefix");
        var library = BuildPaddedLibrary(prefix);
        using (var stream = new FileStream(library, FileMode.Open, FileAccess.Write)) stream.SetLength(2200L << 20);
        var diagnostics = new List<Diagnostic>();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = ElfRelocator.Relocate(prefix, ["lib/libbig.so"], new RelocationSettings(), diagnostics).Single();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Out.WriteLine($"relocating a 2200 MB library took {sw.Elapsed.TotalSeconds:F1} s and allocated {allocated / 1024} KB");

        Assert.That((r.Outcome, r.Method), Is.EqualTo((RelocationOutcome.Rewritten, RpathWriteMethod.InPlace)), r.Detail);
        Assert.That(allocated, Is.LessThan(AllocationBudget));
        Assert.That(NativeTools.Readelf(library).Rpath, Is.EqualTo(r.NewValue));
        Assert.That(new FileInfo(library).Length, Is.EqualTo(2200L << 20));
    }

    [TestCase(RpathPatcher.Auto, RpathWriteMethod.InPlace, TestName = "Relocate_80MBLibrary_InPlace_AllocatesFarLessThanTheFile")]
    [TestCase(RpathPatcher.Patchelf, RpathWriteMethod.Patchelf, TestName = "Relocate_80MBLibrary_Patchelf_AllocatesFarLessThanTheFile")]
    public void Relocate_LargeLibrary(RpathPatcher patcher, RpathWriteMethod expectedMethod)
    {
        var prefix = Path.Combine(_dir, "prefix");
        var library = BuildPaddedLibrary(prefix);
        var sizeBefore = new FileInfo(library).Length;
        Assert.That(sizeBefore, Is.GreaterThan(PadBytes), "the library carries the payload");
        var diagnostics = new List<Diagnostic>();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var results = ElfRelocator.Relocate(prefix, ["lib/libbig.so"], new RelocationSettings { Patcher = patcher }, diagnostics);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Out.WriteLine($"{patcher}: relocating a {sizeBefore / (1 << 20)} MB library allocated {allocated / 1024} KB");

        var r = results.Single();
        Assert.That((r.Outcome, r.Method), Is.EqualTo((RelocationOutcome.Rewritten, expectedMethod)), r.Detail);
        Assert.That(allocated, Is.LessThan(AllocationBudget), "no part of the file beyond headers and tables is read into memory");

        var readelf = NativeTools.Readelf(library);
        Assert.That(readelf.ExitCode, Is.EqualTo(0), readelf.Text);
        Assert.That(readelf.Rpath, Is.EqualTo(r.NewValue));
        Assert.That(readelf.Rpath, Does.StartWith("$ORIGIN").And.Not.Contain(HostRpathTree.NotWhitelisted).And.Not.Contain(prefix));
        Assert.That(readelf.Soname, Is.EqualTo("libbig.so"));
        Assert.That(diagnostics.Select(d => d.Code), Is.EqualTo(new[] { ElfErrorCodes.RpathOutsidePrefixRemoved }));

        var sections = NativeTools.Run("readelf", ["-S", "-W", library]);
        Assert.That(sections, Does.Contain(".bigpayload"), "the payload section is kept");
        if (expectedMethod == RpathWriteMethod.InPlace)
            Assert.That(new FileInfo(library).Length, Is.EqualTo(sizeBefore), "an in-place rewrite moves no byte");
    }
}
