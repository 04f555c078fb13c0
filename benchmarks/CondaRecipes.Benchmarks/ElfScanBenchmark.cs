using System.Diagnostics;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Reads ≥1,000 real ELF files (system libraries and programs) with <see cref="ElfReader"/> and compares
/// with <c>readelf -d</c> run per file on the same copies; then relocates ≥1,000 gcc-built files with long
/// RPATHs (and the system copies) and counts the processes started, which in-place rewriting keeps at 0.
/// </summary>
public sealed class ElfScanBenchmark : IBenchmark
{
    private const int MinimumFiles = 1000;

    public string Name => "elf-scan";

    public void Run(string scratchDir, BenchmarkReport report)
    {
        var scan = CopySystemElfFiles(Path.Combine(scratchDir, "system", "lib"));
        report.Add(Name, "ELF files copied from /usr/lib and /usr/bin", scan.Count.ToString());

        // Our reader over every file.
        var sw = Stopwatch.StartNew();
        var ours = scan.Select(ElfReader.Read).ToList();
        sw.Stop();
        var readMs = sw.Elapsed.TotalMilliseconds;
        report.Add(Name, $"ElfReader.Read, {scan.Count} files", $"{readMs:F0} ms", "< 1000 ms", readMs < 1000);

        // The peer: readelf -d, one process per file, as a shell loop or a naive tool would.
        sw.Restart();
        var peer = scan.Select(f => Cli.Wrap("readelf").WithArguments(["-d", "-W", f]).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync().Task.GetAwaiter().GetResult().StandardOutput).ToList();
        sw.Stop();
        var peerMs = sw.Elapsed.TotalMilliseconds;
        report.Add(Name, $"readelf -d per file, {scan.Count} files", $"{peerMs:F0} ms");
        report.Add(Name, "readelf time / ElfReader time", $"{peerMs / readMs:F1}x");

        var mismatches = Enumerable.Range(0, scan.Count).Count(i => !AgreesWithReadelf(ours[i], peer[i]));
        report.Add(Name, "files where NEEDED/SONAME/RPATH/RUNPATH differ from readelf", mismatches.ToString(), "0", mismatches == 0);

        RelocateCompiledCorpus(Path.Combine(scratchDir, "prefix"), report);
        RelocateSystemCopies(Path.Combine(scratchDir, "system"), scan, report);
    }

    private void RelocateCompiledCorpus(string prefix, BenchmarkReport report)
    {
        var files = BuildCompiledCorpus(prefix);
        var settings = new RelocationSettings { HostRunpathWhitelist = ["/opt/cray/*"] };
        var diagnostics = new List<Diagnostic>();
        var spawned = Patchelf.ProcessesStarted;
        var sw = Stopwatch.StartNew();
        var results = ElfRelocator.Relocate(prefix, files, settings, diagnostics);
        sw.Stop();
        var processes = Patchelf.ProcessesStarted - spawned;
        var inPlace = results.Count(r => r.Method == RpathWriteMethod.InPlace);
        report.Add(Name, $"relocate {files.Count} gcc-built files (long RPATHs)", $"{sw.Elapsed.TotalMilliseconds:F0} ms");
        report.Add(Name, "  rewritten in place", $"{inPlace} of {files.Count}", $"{files.Count}", inPlace == files.Count);
        report.Add(Name, "  processes started", processes.ToString(), "0", processes == 0);

        var sample = Path.Combine(prefix, files[^1]);
        var check = Regex.Match(Readelf(sample), @"\((?:RPATH|RUNPATH)\)\s+[^\[]*\[(.*)\]").Groups[1].Value;
        report.Add(Name, $"  readelf -d {files[^1]} search path", check, "/opt/cray/pe/lib64:$ORIGIN/../lib",
            check == "/opt/cray/pe/lib64:$ORIGIN/../lib");
    }

    private void RelocateSystemCopies(string prefix, List<string> scan, BenchmarkReport report)
    {
        // No build/rpaths: only files that already carry a search path have anything to change.
        var relative = scan.Select(f => Path.GetRelativePath(prefix, f)).ToList();
        var spawned = Patchelf.ProcessesStarted;
        var sw = Stopwatch.StartNew();
        var results = ElfRelocator.Relocate(prefix, relative, new RelocationSettings { Rpaths = [] }, new List<Diagnostic>());
        sw.Stop();
        var rewritten = results.Count(r => r.Outcome == RelocationOutcome.Rewritten);
        report.Add(Name, $"relocate the {scan.Count} system copies (rpaths: [])", $"{sw.Elapsed.TotalMilliseconds:F0} ms");
        report.Add(Name, "  of which rewritten (had RPATH/RUNPATH)", $"{rewritten} ({results.Count(r => r.Method == RpathWriteMethod.InPlace)} in place)");
        report.Add(Name, "  processes started", (Patchelf.ProcessesStarted - spawned).ToString());
    }

    /// <summary>Copies regular ELF files (not symlinks) from the system; duplicates them up to the minimum.</summary>
    private static List<string> CopySystemElfFiles(string target)
    {
        Directory.CreateDirectory(target);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var sources = Directory.EnumerateFiles("/usr/lib/x86_64-linux-gnu", "*.so*", options)
            .Concat(Directory.EnumerateFiles("/usr/bin", "*", new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint }))
            .Where(f => new FileInfo(f) is { LinkTarget: null, Length: > 0 and < 64 << 20 })
            .Where(f => { try { return ElfReader.Read(f).Kind != ElfKind.NotElf; } catch (IOException) { return false; } catch (UnauthorizedAccessException) { return false; } })
            .Take(1500)
            .ToList();
        if (sources.Count == 0) throw new InvalidOperationException("no ELF files found under /usr/lib/x86_64-linux-gnu or /usr/bin");
        var copies = new List<string>();
        for (var i = 0; copies.Count < Math.Max(MinimumFiles, sources.Count); i++)
        {
            var copy = Path.Combine(target, $"{i:D5}-{Path.GetFileName(sources[i % sources.Count])}");
            File.Copy(sources[i % sources.Count], copy);
            copies.Add(copy);
        }
        return copies;
    }

    /// <summary>Libraries and programs with the long absolute RPATHs a real build leaves (host, prefix, and a
    /// path to drop), RPATH and RUNPATH, each built once and copied to reach 1,000 files.</summary>
    private static List<string> BuildCompiledCorpus(string prefix)
    {
        var src = Path.Combine(prefix, "..", "corpus-src");
        Directory.CreateDirectory(src);
        Directory.CreateDirectory(Path.Combine(prefix, "lib"));
        Directory.CreateDirectory(Path.Combine(prefix, "bin"));
        var lib = Path.Combine(src, "lib.c");
        File.WriteAllText(lib, "int value(void) { return 42; }\n");
        var main = Path.Combine(src, "main.c");
        File.WriteAllText(main, "int value(void);\nint main(void) { return value() != 42; }\n");
        string[] rpaths = ["-Wl,-rpath,/opt/cray/pe/lib64", $"-Wl,-rpath,{prefix}/lib", "-Wl,-rpath,/usr/local/not-whitelisted/lib"];

        var built = new List<string>();
        foreach (var (dtags, tag) in new[] { ("--disable-new-dtags", "rpath"), ("--enable-new-dtags", "runpath") })
        {
            var so = Path.Combine(prefix, "lib", $"libvalue-{tag}.so");
            Gcc(["-shared", "-fPIC", $"-Wl,{dtags}", lib, .. rpaths, "-o", so]);
            var exe = Path.Combine(prefix, "bin", $"value-{tag}");
            Gcc([$"-Wl,{dtags}", main, so, .. rpaths, "-o", exe]);
            built.Add(so);
            built.Add(exe);
        }
        var files = new List<string>();
        for (var i = 0; files.Count < MinimumFiles; i++)
        {
            var original = built[i % built.Count];
            var copy = Path.Combine(Path.GetDirectoryName(original)!, $"{Path.GetFileName(original)}.{i:D4}");
            File.Copy(original, copy);
            files.Add(Path.GetRelativePath(prefix, copy));
        }
        return files;
    }

    private static void Gcc(string[] args)
    {
        var r = Cli.Wrap("gcc").WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().Task.GetAwaiter().GetResult();
        if (r.ExitCode != 0) throw new InvalidOperationException($"gcc {string.Join(' ', args)}: {r.StandardError}");
    }

    private static string Readelf(string file) =>
        Cli.Wrap("readelf").WithArguments(["-d", "-W", file]).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync().Task.GetAwaiter().GetResult().StandardOutput;

    private static bool AgreesWithReadelf(ElfReadResult ours, string readelf)
    {
        List<string> All(string kind) => Regex.Matches(readelf, $@"\({kind}\)\s+[^\[]*\[(.*)\]").Select(m => m.Groups[1].Value).ToList();
        if (ours.Kind != ElfKind.Dynamic) return All("NEEDED").Count == 0 && All("RPATH").Count == 0 && All("RUNPATH").Count == 0;
        var info = ours.Info!;
        return info.Needed.SequenceEqual(All("NEEDED")) && info.Soname == All("SONAME").FirstOrDefault()
            && info.Rpath?.Value == All("RPATH").FirstOrDefault() && info.Runpath?.Value == All("RUNPATH").FirstOrDefault();
    }
}
