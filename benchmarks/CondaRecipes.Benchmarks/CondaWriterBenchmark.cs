using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Packaging;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Our <c>.conda</c> writer against conda-package-handling (the writer conda-build uses) and against
/// <c>tar | zstd -T0</c>, all at zstd level 19, on a copy of a real Python installation's lib/ tree
/// (≥250 MB, ≥8,000 files). Debian's cph 2.0.1 <c>create</c> has no level flag (it uses level 21), so cph is
/// driven through its own Python API, <c>api.create(..., compressor=ZstdCompressor(level=19))</c>, which is
/// exactly what <c>cph create</c> calls with cph's default single compression thread.
/// </summary>
public sealed class CondaWriterBenchmark : IBenchmark
{
    private const int Level = 19;
    public string Name => "conda-writer";

    public void Run(string scratchDir, BenchmarkReport report)
    {
        var source = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", "3.12.1", "lib");
        var root = Path.Combine(scratchDir, "root");
        Directory.CreateDirectory(root);
        Run("cp", ["-a", source, Path.Combine(root, "lib")]);
        InfoWriter.Write(root, new PackageMetadata { Name = "pylib", Version = "3.12.1", Build = "h0_0" }, prefix: null);

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        var bytes = files.Sum(f => new FileInfo(f).Length);
        report.Add(Name, "input tree", $"{bytes / 1e6:0} MB, {files.Count} files", "≥250 MB, ≥8000", bytes >= 250_000_000 && files.Count >= 8000);

        var ours = Path.Combine(scratchDir, "ours", "pylib-3.12.1-h0_0.conda");
        var tOurs = Time(() => CondaArchiveWriter.Write(root, ours, new ArchiveWriteOptions { ZstdLevel = Level }));
        var sOurs = new FileInfo(ours).Length;
        report.Add(Name, $"ours (.conda, level {Level}, {Environment.ProcessorCount} zstd workers)", $"{tOurs:0.0} s, {sOurs / 1e6:0.0} MB");

        var cph = Path.Combine(scratchDir, "cph", "pylib-3.12.1-h0_0.conda");
        Directory.CreateDirectory(Path.GetDirectoryName(cph)!);
        var script = $"import zstandard; from conda_package_handling import api; " +
                     $"api.create({Py(root)}, None, {Py(cph)}, compressor=lambda: zstandard.ZstdCompressor(level={Level}))";
        var tCph = Time(() => Run("/usr/bin/python3", ["-c", script]));
        var sCph = new FileInfo(cph).Length;
        report.Add(Name, $"cph create (level {Level}, 1 thread, its default)", $"{tCph:0.0} s, {sCph / 1e6:0.0} MB");

        var tarZst = Path.Combine(scratchDir, "tar.tar.zst");
        var tTar = Time(() => Run("bash", ["-c", $"cd {Sh(root)} && tar cf - . | zstd -{Level} -T0 -q -o {Sh(tarZst)}"]));
        var sTar = new FileInfo(tarZst).Length;
        report.Add(Name, $"tar cf - . | zstd -{Level} -T0", $"{tTar:0.0} s, {sTar / 1e6:0.0} MB");

        // Our tar is in sorted path order (for reproducibility); GNU tar's default is directory order, which
        // compresses worse on this tree. The same command with --sort=name is the like-for-like size peer.
        var sortedZst = Path.Combine(scratchDir, "sorted.tar.zst");
        var tSorted = Time(() => Run("bash", ["-c", $"cd {Sh(root)} && tar cf - --sort=name . | zstd -{Level} -T0 -q -o {Sh(sortedZst)}"]));
        var sSorted = new FileInfo(sortedZst).Length;
        report.Add(Name, $"tar cf - --sort=name . | zstd -{Level} -T0", $"{tSorted:0.0} s, {sSorted / 1e6:0.0} MB");

        report.Add(Name, "speed-up over cph create", $"{tCph / tOurs:0.00}x", "≥ 2x", tCph / tOurs >= 2);
        report.Add(Name, "time / (tar | zstd -T0)", $"{tOurs / tTar:0.00}x", "≤ 1.3x", tOurs / tTar <= 1.3);
        report.Add(Name, "time / (tar --sort=name | zstd -T0)", $"{tOurs / tSorted:0.00}x", "≤ 1.3x", tOurs / tSorted <= 1.3);
        report.Add(Name, "size / (tar | zstd -T0)", $"{(double)sOurs / sTar:0.000}", "0.98–1.02", Math.Abs((double)sOurs / sTar - 1) <= 0.02);
        report.Add(Name, "size / (tar --sort=name | zstd -T0)", $"{(double)sOurs / sSorted:0.000}", "0.98–1.02", Math.Abs((double)sOurs / sSorted - 1) <= 0.02);

        var extracted = Path.Combine(scratchDir, "extracted");
        Run("cph", ["extract", ours, "--dest", extracted]);
        var extractedFiles = Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories).Count();
        report.Add(Name, "cph extract of our archive: files", $"{extractedFiles}", $"= {files.Count}", extractedFiles == files.Count);
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static void Run(string program, string[] args)
    {
        var result = Cli.Wrap(program).WithArguments(args).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync().GetAwaiter().GetResult();
        if (result.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({result.ExitCode}): {result.StandardError}");
    }

    private static string Py(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
    private static string Sh(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
