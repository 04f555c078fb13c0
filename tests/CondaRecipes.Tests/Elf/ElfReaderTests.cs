using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

[TestFixture]
public class ElfReaderTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-elf-read-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string BuildSharedWithGcc(string extraFlag, params string[] dtags)
    {
        var dep = NativeTools.WriteSource(_dir, "dep.c", "int dep(void){return 1;}\n");
        var lib = NativeTools.WriteSource(_dir, "lib.c", "int dep(void); int lib(void){return dep()+1;}\n");
        var flags = extraFlag == "" ? Array.Empty<string>() : [extraFlag];
        NativeTools.Run("gcc", [.. flags, "-shared", "-fPIC", "-Wl,-soname,libdep.so.1", dep, "-o", Path.Combine(_dir, "libdep.so")]);
        var output = Path.Combine(_dir, "libreadme.so");
        NativeTools.Run("gcc", [.. flags, .. dtags, "-shared", "-fPIC", "-Wl,-soname,libreadme.so.2", lib, "-L" + _dir, "-ldep",
            "-Wl,-rpath,/opt/cray/pe/lib64:/somewhere/else", "-o", output]);
        return output;
    }

    [TestCase("", "-Wl,--disable-new-dtags", ElfClass.Elf64, TestName = "Read_Gcc64_Rpath_MatchesReadelf")]
    [TestCase("", "-Wl,--enable-new-dtags", ElfClass.Elf64, TestName = "Read_Gcc64_Runpath_MatchesReadelf")]
    [TestCase("-m32", "-Wl,--disable-new-dtags", ElfClass.Elf32, TestName = "Read_Gcc32_Rpath_MatchesReadelf")]
    [TestCase("-m32", "-Wl,--enable-new-dtags", ElfClass.Elf32, TestName = "Read_Gcc32_Runpath_MatchesReadelf")]
    public void Read_GccSharedLibrary_MatchesReadelf(string archFlag, string dtags, ElfClass expectedClass)
    {
        if (archFlag == "-m32" && NativeTools.Why32BitLinkUnavailable(_dir) is { } why) Assert.Ignore(why);
        var lib = BuildSharedWithGcc(archFlag, dtags);

        var result = ElfReader.Read(lib);
        var readelf = NativeTools.Readelf(lib);

        Assert.That(result.Kind, Is.EqualTo(ElfKind.Dynamic));
        var info = result.Info!;
        Assert.That(info.Class, Is.EqualTo(expectedClass));
        Assert.That(info.Endianness, Is.EqualTo(ElfEndianness.Little));
        Assert.That(info.Type, Is.EqualTo(ElfFileInfo.TypeShared));
        Assert.That(info.Needed, Is.EqualTo(readelf.Needed));
        Assert.That(info.Needed, Does.Contain("libdep.so.1"));
        Assert.That(info.Soname, Is.EqualTo("libreadme.so.2"));
        Assert.That(info.Rpath?.Value, Is.EqualTo(readelf.Rpath));
        Assert.That(info.Runpath?.Value, Is.EqualTo(readelf.Runpath));
        Assert.That((info.Runpath ?? info.Rpath)!.Value, Is.EqualTo("/opt/cray/pe/lib64:/somewhere/else"));
        Assert.That(info.EffectiveSearchPath, Is.EqualTo(new[] { "/opt/cray/pe/lib64", "/somewhere/else" }));
    }

    [Test]
    public void Read_DynamicString_PointsAtTheBytesInTheFile()
    {
        var lib = BuildSharedWithGcc("", "-Wl,--disable-new-dtags");
        var rpath = ElfReader.Read(lib).Info!.Rpath!;
        var bytes = File.ReadAllBytes(lib);
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes, (int)rpath.FileOffset, rpath.Length), Is.EqualTo(rpath.Value));
        Assert.That(bytes[rpath.FileOffset + rpath.Length], Is.EqualTo(0));
    }

    [TestCase("s390x-linux-gnu", ElfClass.Elf64)]
    [TestCase("mips-linux-gnu", ElfClass.Elf32)]
    public void Read_BigEndianLibraryFromCrossBinutils_MatchesReadelf(string target, ElfClass expectedClass)
    {
        var ld = $"/usr/bin/{target}-ld";
        if (!File.Exists(ld)) Assert.Ignore($"{target}-ld is missing (apt-get install binutils-{target})");
        var src = NativeTools.WriteSource(_dir, "f.s", ".text\n.globl f\nf:\n nop\n");
        var obj = Path.Combine(_dir, "f.o");
        NativeTools.Run($"{target}-as", src, "-o", obj);
        var dep = Path.Combine(_dir, "libdep.so");
        NativeTools.Run(ld, "-shared", "-soname", "libdep.so.1", "-o", dep, obj);
        var lib = Path.Combine(_dir, "libbe.so");
        NativeTools.Run(ld, "-shared", "-soname", "libbe.so.1", "--enable-new-dtags", "-rpath", "/opt/cray/lib:/usr/local/lib", "-o", lib, obj, dep);

        var info = ElfReader.Read(lib).Info!;
        var readelf = NativeTools.Readelf(lib);

        Assert.That(info.Class, Is.EqualTo(expectedClass));
        Assert.That(info.Endianness, Is.EqualTo(ElfEndianness.Big));
        Assert.That(info.Needed, Is.EqualTo(new[] { "libdep.so.1" }));
        Assert.That(info.Needed, Is.EqualTo(readelf.Needed));
        Assert.That(info.Soname, Is.EqualTo("libbe.so.1"));
        Assert.That(info.Runpath?.Value, Is.EqualTo("/opt/cray/lib:/usr/local/lib"));
        Assert.That(info.Runpath?.Value, Is.EqualTo(readelf.Runpath));
    }

    [Test]
    public void Read_ObjectFile_IsReportedAsHavingNoDynamicSection()
    {
        var src = NativeTools.WriteSource(_dir, "o.c", "int o(void){return 3;}\n");
        var obj = Path.Combine(_dir, "o.o");
        NativeTools.Run("gcc", "-c", src, "-o", obj);

        var result = ElfReader.Read(obj);

        Assert.That(result.Kind, Is.EqualTo(ElfKind.NoDynamicSection));
        Assert.That(result.Reason, Is.EqualTo("no dynamic section: object file"));
        Assert.That(result.Info!.Type, Is.EqualTo(ElfFileInfo.TypeRelocatable));
        Assert.That(NativeTools.Readelf(obj).NoDynamicSection, Is.True);
    }

    [Test]
    public void Read_StaticExecutable_IsReportedAsHavingNoDynamicSection()
    {
        var src = NativeTools.WriteSource(_dir, "s.c", "int main(void){return 0;}\n");
        var exe = Path.Combine(_dir, "static");
        var build = NativeTools.Exec("gcc", ["-static", src, "-o", exe]);
        if (build.ExitCode != 0) Assert.Ignore($"no static libc here: {build.StandardError}");

        var result = ElfReader.Read(exe);

        Assert.That(result.Kind, Is.EqualTo(ElfKind.NoDynamicSection));
        Assert.That(result.Reason, Is.EqualTo("no dynamic section: static executable"));
        Assert.That(NativeTools.Readelf(exe).NoDynamicSection, Is.True);
    }

    [TestCase("#!/bin/sh\necho hello\n")]
    [TestCase("")]
    [TestCase("EL")]
    [TestCase("\u007fEL")]
    public void Read_NonElfFile_IsNotElf(string content)
    {
        var path = Path.Combine(_dir, "file");
        File.WriteAllText(path, content);

        var result = ElfReader.Read(path);

        Assert.That(result.Kind, Is.EqualTo(ElfKind.NotElf));
        Assert.That(result.Info, Is.Null);
    }

    [TestCase(4, "truncated: 4 bytes, shorter than the ELF identification")]
    [TestCase(40, "truncated: 40 bytes, shorter than the 64-byte ELF header")]
    [TestCase(2000, "truncated: section header table")]
    public void Read_TruncatedElf_IsInvalidWithReason(int keep, string reasonStart)
    {
        var lib = BuildSharedWithGcc("", "-Wl,--disable-new-dtags");
        var truncated = Path.Combine(_dir, "truncated.so");
        File.WriteAllBytes(truncated, File.ReadAllBytes(lib)[..keep]);

        var result = ElfReader.Read(truncated);

        Assert.That(result.Kind, Is.EqualTo(ElfKind.Invalid));
        Assert.That(result.Reason, Does.StartWith(reasonStart));
        var warning = result.ToWarning("lib/truncated.so");
        Assert.That(warning.Code, Is.EqualTo("CR3001"));
        Assert.That(warning.ToString(), Does.StartWith("lib/truncated.so: warning CR3001: 'lib/truncated.so' starts like an ELF file but cannot be read (truncated"));
    }

    [Test]
    public void Read_CorruptHeaderFields_AreInvalidNotExceptions()
    {
        var lib = File.ReadAllBytes(BuildSharedWithGcc("", "-Wl,--disable-new-dtags"));
        var badClass = (byte[])lib.Clone();
        badClass[4] = 9;
        Assert.That(ElfReader.Read("x", badClass).Reason, Is.EqualTo("unknown ELF class 9"));

        var badEndian = (byte[])lib.Clone();
        badEndian[5] = 3;
        Assert.That(ElfReader.Read("x", badEndian).Reason, Is.EqualTo("unknown ELF data encoding 3"));

        // Program header table pointed past the end of the file.
        var badPhoff = (byte[])lib.Clone();
        BitConverter.GetBytes((ulong)lib.Length + 100).CopyTo(badPhoff, 32);
        Assert.That(ElfReader.Read("x", badPhoff).Reason, Does.StartWith("truncated: program header table"));

        // Every byte after the identification flipped: whatever the parser makes of it, it must not throw.
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var fuzzed = (byte[])lib.Clone();
            for (var k = 0; k < 8; k++) fuzzed[random.Next(16, Math.Min(fuzzed.Length, 4096))] = (byte)random.Next(256);
            Assert.DoesNotThrow(() => ElfReader.Read("fuzz", fuzzed));
        }
    }
}
