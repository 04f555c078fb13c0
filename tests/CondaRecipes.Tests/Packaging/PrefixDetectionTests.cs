using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

public class PrefixDetectionTests
{
    [Test]
    public void Placeholder_IsExactly255Characters_UnderTheBaseDirectory()
    {
        var placeholder = PrefixPlaceholder.Create("/tmp/croot/mpi4py_1700000000");
        Assert.That(placeholder, Has.Length.EqualTo(255));
        Assert.That(placeholder, Does.StartWith("/tmp/croot/mpi4py_1700000000/_h_env_placehold_placehold"));
    }

    [Test]
    public void Placeholder_BaseTooLong_IsCodedError()
    {
        var ex = Assert.Throws<CondaRecipesException>(() => PrefixPlaceholder.Create("/" + new string('x', 260)));
        Assert.That(ex!.Code, Is.EqualTo(PackagingErrorCodes.PlaceholderBaseTooLong));
    }

    [Test]
    public async Task Detector_FindsPrefix_InCompiledBinary_AsBinary_AndInText_AsText()
    {
        using var f = await PackageFixture.CreateAsync();
        var binary = PrefixDetector.Scan(Path.Combine(f.Prefix, "bin", "hello"), f.Prefix);
        var text = PrefixDetector.Scan(Path.Combine(f.Prefix, "share", "demo", "demo.conf"), f.Prefix);
        var plain = PrefixDetector.Scan(Path.Combine(f.Prefix, "lib", "plain.txt"), f.Prefix);
        var script = PrefixDetector.Scan(Path.Combine(f.Prefix, "bin", "demo-tool"), f.Prefix);

        Assert.That(binary, Is.EqualTo(new PrefixScanResult(PrefixFileMode.Binary, true, false)));
        Assert.That(text, Is.EqualTo(new PrefixScanResult(PrefixFileMode.Text, true, false)));
        Assert.That(plain, Is.EqualTo(new PrefixScanResult(PrefixFileMode.Text, false, false)));
        Assert.That(script, Is.EqualTo(new PrefixScanResult(PrefixFileMode.Text, true, true)));
    }

    [Test]
    public async Task Detector_SkipsSymlinksAndCompiledPython()
    {
        using var f = await PackageFixture.CreateAsync();
        var pyc = Path.Combine(f.Prefix, "lib", "mod.cpython-312.pyc");
        await File.WriteAllTextAsync(pyc, f.Prefix);
        Assert.That(PrefixDetector.Scan(Path.Combine(f.Prefix, "lib", "libdemo.so"), f.Prefix), Is.Null);
        Assert.That(PrefixDetector.Scan(pyc, f.Prefix), Is.Null);
    }

    [Test]
    public async Task Detector_FindsPrefixSplitAcrossReadChunks()
    {
        using var f = await PackageFixture.CreateAsync();
        var big = Path.Combine(f.Scratch, "big.bin");
        var bytes = new byte[(1 << 20) + 1000];
        var needle = System.Text.Encoding.UTF8.GetBytes(f.Prefix);
        needle.CopyTo(bytes, (1 << 20) - 100); // straddles the first 1 MiB chunk boundary
        await File.WriteAllBytesAsync(big, bytes);
        Assert.That(PrefixDetector.Scan(big, f.Prefix), Is.EqualTo(new PrefixScanResult(PrefixFileMode.Binary, true, false)));
    }

    [Test]
    public void Shebang_LongIntoPrefix_BecomesEnv_ShortOrForeignUnchanged()
    {
        var prefix = PrefixPlaceholder.Create("/tmp/croot/x_1");
        Assert.That(ShebangFixer.FixLine($"#!{prefix}/bin/python3.12 -E", prefix), Is.EqualTo("#!/usr/bin/env python3.12 -E"));
        Assert.That(ShebangFixer.FixLine($"#!{prefix}/bin/perl", prefix), Is.EqualTo("#!/usr/bin/env perl"));
        Assert.That(ShebangFixer.FixLine("#!/usr/bin/python3", prefix), Is.Null);
        Assert.That(ShebangFixer.FixLine("#!/opt/short/bin/python3", "/opt/short"), Is.Null);
    }

    [Test]
    public async Task Shebang_FixFile_RewritesFirstLineOnly_KeepsMode()
    {
        using var f = await PackageFixture.CreateAsync();
        var script = Path.Combine(f.Prefix, "bin", "demo-tool");
        Assert.That(ShebangFixer.FixFile(script, f.Prefix), Is.True);
        Assert.That(await File.ReadAllTextAsync(script), Is.EqualTo("#!/usr/bin/env python3.12 -E\nprint('hi')\n"));
        Assert.That(File.GetUnixFileMode(script), Is.EqualTo((UnixFileMode)0b111_101_101));
        Assert.That(ShebangFixer.FixFile(script, f.Prefix), Is.False);
    }
}
