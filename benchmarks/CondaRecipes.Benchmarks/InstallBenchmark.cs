using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Packaging;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Extracting a package of ≥250 MB (a copy of a Python installation's lib/) into the package cache and
/// linking it into a prefix, against `tar -I zstd -x` of the same content: goal within 1.5×.
/// </summary>
public sealed class InstallBenchmark : IBenchmark
{
    public string Name => "install";

    public void Run(string scratchDir, BenchmarkReport report)
    {
        var source = Directory.EnumerateDirectories(Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".pyenv", "versions"), "3.12*")
            .Select(d => Path.Combine(d, "lib")).First(Directory.Exists);
        var tree = Path.Combine(scratchDir, "tree");
        Directory.CreateDirectory(tree);
        Exec("cp", "-a", source, Path.Combine(tree, "lib"));
        var bytes = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var files = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Count();
        report.Add(Name, "package content", $"{bytes / 1e6:F0} MB, {files} files");

        // Package it (untimed; level 3 keeps the setup short — decompression speed hardly depends on it).
        InfoWriter.Write(tree, new PackageMetadata { Name = "pylib", Version = "1.0", Build = "0" }, prefix: null);
        var archive = Path.Combine(scratchDir, "pylib-1.0-0.conda");
        CondaArchiveWriter.Write(tree, archive, new ArchiveWriteOptions { ZstdLevel = 3 });
        var tarZst = Path.Combine(scratchDir, "same-content.tar.zst");
        Exec("tar", "-C", tree, "-I", "zstd -3 -T0", "-cf", tarZst, ".");

        double ours = double.MaxValue, peer = double.MaxValue, extractOnly = double.MaxValue;
        for (var round = 0; round < 4; round++)
        {
            var cache = Path.Combine(scratchDir, $"pkgs{round}");
            var prefix = Path.Combine(scratchDir, $"prefix{round}");
            var dest = Path.Combine(scratchDir, $"tar{round}");
            Directory.CreateDirectory(prefix);
            Directory.CreateDirectory(dest);

            // Dirty pages and the discards of deleted trees (this file system is mounted with discard) from the
            // previous step must not be charged to the next one: flush and let the disk settle first.
            static void Settle() { Exec("sync"); Thread.Sleep(2000); }
            void Ours()
            {
                Settle();
                var sw = Stopwatch.StartNew();
                using var lease = new PackageCache(cache).Use(archive);
                extractOnly = Math.Min(extractOnly, sw.Elapsed.TotalSeconds);
                PrefixLinker.Link(lease.Directory, prefix);
                ours = Math.Min(ours, sw.Elapsed.TotalSeconds);
            }
            void Tar()
            {
                Settle();
                var sw = Stopwatch.StartNew();
                Exec("tar", "-C", dest, "-I", "zstd", "-xf", tarZst);
                peer = Math.Min(peer, sw.Elapsed.TotalSeconds);
            }
            // Alternate which goes first, so neither always meets the other's write-back.
            if (round % 2 == 0) { Ours(); Tar(); } else { Tar(); Ours(); }
            Directory.Delete(cache, true); Directory.Delete(prefix, true); Directory.Delete(dest, true);
        }
        report.Add(Name, "extract to package cache + link into prefix (best of 4)", $"{ours:F2} s");
        report.Add(Name, "  of which extraction into the package cache", $"{extractOnly:F2} s");
        report.Add(Name, "tar -I zstd -x of the same content (best of 4)", $"{peer:F2} s");
        report.Add(Name, "ours / tar", $"{ours / peer:F2}x", "<= 1.5x", ours / peer <= 1.5);
    }

    private static void Exec(string program, params string[] args)
    {
        var r = Cli.Wrap(program).WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().GetAwaiter().GetResult();
        if (r.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {r.StandardError}");
    }
}
