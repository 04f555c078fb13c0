using System.Diagnostics;
using CondaRecipes.Channels.Index;
using CondaRecipes.Packaging;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Indexing a local channel of 1,000 small real packages written by our writer: a full index (cold cache),
/// then a re-index after adding one package (only the new archive is opened).
/// </summary>
public sealed class IndexBenchmark : IBenchmark
{
    private const int Count = 1000;
    public string Name => "index";

    public void Run(string scratchDir, BenchmarkReport report)
    {
        var channel = Path.Combine(scratchDir, "channel");
        var generate = Stopwatch.StartNew();
        Parallel.For(0, Count, i => Write(scratchDir, channel, i));
        report.Add(Name, $"generate {Count} packages (.conda, our writer)", $"{generate.Elapsed.TotalSeconds:0.0} s");

        var indexer = new ChannelIndexer(channel);
        var full = Stopwatch.StartNew();
        var first = indexer.Index();
        full.Stop();
        report.Add(Name, $"full index of {first.PackageCount} packages ({first.ArchivesRead.Count} opened)",
            $"{full.Elapsed.TotalSeconds:0.000} s", "< 2 s", full.Elapsed.TotalSeconds < 2);

        Write(scratchDir, channel, Count);
        var incremental = Stopwatch.StartNew();
        var second = indexer.Index();
        incremental.Stop();
        report.Add(Name, $"re-index after adding one ({second.ArchivesRead.Count} opened)",
            $"{incremental.Elapsed.TotalSeconds:0.000} s", "< 0.2 s", incremental.Elapsed.TotalSeconds < 0.2 && second.ArchivesRead.Count == 1);
    }

    private static void Write(string scratch, string channel, int i)
    {
        var root = Path.Combine(scratch, "roots", $"p{i}");
        Directory.CreateDirectory(Path.Combine(root, "lib", "python3.12", "site-packages", $"pkg{i}"));
        File.WriteAllText(Path.Combine(root, "lib", "python3.12", "site-packages", $"pkg{i}", "__init__.py"), $"VERSION = '1.{i}'\n");
        var metadata = new PackageMetadata
        {
            Name = $"pkg{i % 250}", Version = $"1.{i / 250}.{i}", Build = "py312h0_0", Depends = ["python >=3.12,<3.13"],
            About = new AboutInfo { Summary = $"package {i}" },
        };
        InfoWriter.Write(root, metadata, prefix: null);
        CondaArchiveWriter.Write(root, Path.Combine(channel, "linux-64", metadata.FileStem + ".conda"),
            new ArchiveWriteOptions { ZstdThreads = 0 });
    }
}
