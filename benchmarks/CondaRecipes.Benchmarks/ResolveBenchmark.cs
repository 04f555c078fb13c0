using System.Diagnostics;
using System.Text.Json;
using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Channels.Solving;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Loads a synthetic conda-forge-like channel of over 20,000 records (many names, versions and Python
/// builds, dependency fan-out of 2–6 with version ranges) plus the local Derecho channel from disk, and
/// solves the full Derecho environment. No peer tool runs here: conda and mamba cannot be installed on
/// this machine, so only our own figures are reported.
/// </summary>
public sealed class ResolveBenchmark : IBenchmark
{
    public string Name => "resolve";

    private static readonly string[] Pythons = ["3.10", "3.11", "3.12"];
    private static readonly string[] Environment =
        ["python 3.11.*", "mpi4py =*=derecho*", "pytorch =*=derecho*", "torchvision", "jax", "mpi4jax", "lib0799", "lib0400"];

    public void Run(string scratchDir, BenchmarkReport report)
    {
        var forgeDir = Path.Combine(scratchDir, "conda-forge");
        var outputDir = Path.Combine(scratchDir, "output");
        var generated = GenerateForge(seed: 42);
        WriteChannel(forgeDir, generated);
        WriteChannel(outputDir, DerechoOutput());
        report.Add(Name, "records in the synthetic channels", $"{generated.Count + DerechoOutput().Count:N0}");

        // One warm-up so JIT time is reported separately from steady-state time.
        var cold = Stopwatch.StartNew();
        var (solution, loadMs, solveMs) = LoadAndSolve(outputDir, forgeDir);
        cold.Stop();
        report.Add(Name, "load + solve, first run (includes JIT)", $"{cold.Elapsed.TotalMilliseconds:F0} ms");

        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            (solution, loadMs, solveMs) = LoadAndSolve(outputDir, forgeDir);
            sw.Stop();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        report.Add(Name, "  of which reading repodata (last run)", $"{loadMs:F0} ms");
        report.Add(Name, "  of which solving (last run)", $"{solveMs:F0} ms");
        report.Add(Name, "load + solve Derecho environment (best of 5)", $"{best:F0} ms", "< 1000 ms", best < 1000);
        report.Add(Name, "packages in the solution / candidates tried", $"{solution.Records.Count} / {solution.SearchSteps}");
        var derecho = solution.Records.Count(r => r.Build.StartsWith("derecho", StringComparison.Ordinal));
        report.Add(Name, "site builds chosen (build number 1000)", $"{derecho}");
        report.Add(Name, "peer tool", "none: conda/mamba not installable here");
    }

    private static (Solution, double LoadMs, double SolveMs) LoadAndSolve(string outputDir, string forgeDir)
    {
        var sw = Stopwatch.StartNew();
        var pool = PackagePool.FromChannels([ChannelSource.Create(outputDir), ChannelSource.Create(forgeDir)], "linux-64");
        foreach (var v in new[] { "3.10.14", "3.11.7", "3.12.4" })
            pool.AddExternal("python", v, "external_pyenv");
        pool.AddExternal("mpich", "3.4", "external_host");
        var loaded = sw.Elapsed.TotalMilliseconds;
        var solution = Resolver.Solve(Environment, pool);
        return (solution, loaded, sw.Elapsed.TotalMilliseconds - loaded);
    }

    /// <summary>
    /// 800 library names (lib0000…lib0799), 4–8 versions each, each version in 3 Python builds and 1–2 build
    /// numbers: about 20,000 records. A library depends on 2–6 lower-numbered libraries with ranges such as
    /// <c>&gt;=1.2,&lt;3</c> and on <c>python X.Y.*</c>, like a real channel's graph; plus ordinary builds of the
    /// Derecho packages and numpy.
    /// </summary>
    private static List<PackageRecord> GenerateForge(int seed)
    {
        var random = new Random(seed);
        var records = new List<PackageRecord>(21_000);
        const int names = 800;
        var versionsOf = new int[names];
        for (var n = 0; n < names; n++)
        {
            var name = $"lib{n:D4}";
            versionsOf[n] = random.Next(4, 9);
            for (var v = 0; v < versionsOf[n]; v++)
            {
                var version = $"{1 + v / 3}.{v % 3}.{random.Next(0, 5)}";
                var deps = new List<string>();
                if (n > 0)
                    for (var d = random.Next(2, 7); d > 0; d--)
                    {
                        var target = random.Next(Math.Max(0, n - 200), n);
                        // Newer releases accept the target's newest major, older ones pin older majors,
                        // as in a real channel where the newest builds are built against each other.
                        var newestMajor = 1 + (versionsOf[target] - 1) / 3;
                        var old = v < versionsOf[n] / 2 && newestMajor > 1;
                        deps.Add(random.Next(3) switch
                        {
                            0 when old => $"lib{target:D4} >=1.0,<{newestMajor}",
                            0 => $"lib{target:D4} >={newestMajor}.0,<{newestMajor + 1}",
                            1 => $"lib{target:D4} >=1.0",
                            _ => $"lib{target:D4}",
                        });
                    }
                foreach (var py in Pythons)
                    for (var b = 0; b < (v % 2 == 0 ? 2 : 1); b++)
                        records.Add(new PackageRecord
                        {
                            Name = name, Version = version, Build = $"py{py.Replace(".", "")}h{n:x4}{v:x2}_{b}", BuildNumber = b,
                            Depends = [.. deps.Distinct(), $"python {py}.*"], Timestamp = 1_700_000_000_000 + n * 1000 + v,
                        });
            }
        }
        foreach (var py in Pythons)
        {
            var tag = py.Replace(".", "");
            static string P(string py) => $"python {py}.*";
            records.AddRange(
            [
                R("numpy", "1.26.4", $"py{tag}h64a7726_0", 0, [P(py), "lib0100 >=1.0"]),
                R("numpy", "2.2.1", $"py{tag}hf916de5_0", 0, [P(py), "lib0100 >=1.0", "lib0200"]),
                R("mpi4py", "4.0.3", $"py{tag}h1234567_0", 0, [P(py), "mpich >=4"]),
                R("jaxlib", "0.4.38", $"cpu_py{tag}h0a8b4a2_0", 0, [P(py), "numpy >=1.24", "lib0300"]),
                R("pytorch", "2.7.0", $"cpu_generic_py{tag}_0", 0, [P(py), "numpy", "lib0500"]),
                R("torchvision", "0.22.0", $"cpu_py{tag}_0", 0, ["pytorch 2.7.*", P(py)]),
                R("mpi4jax", "0.7.1", $"py{tag}h_0", 0, ["mpi4py >=3", "jax", P(py)]),
            ]);
        }
        records.Add(R("nccl", "2.21.5.1", "h6103f9b_0", 0, []));
        records.Add(R("mpich", "4.2.3", "h0_100", 100, []));
        records.Add(R("jax", "0.4.38", "pyhd8ed1ab_0", 0, ["jaxlib >=0.4.38,<=0.4.38", "python >=3.10"]));
        return records;
    }

    private static List<PackageRecord> DerechoOutput() =>
    [
        R("nccl", "2.21.5.1", "derecho_1000", 1000, []),
        R("mpi4py", "4.0.3", "derecho_py3.11_1000", 1000, ["python 3.11.*", "mpich"]),
        R("mpi4py", "4.0.3", "derecho_py3.12_1000", 1000, ["python 3.12.*", "mpich"]),
        R("jaxlib", "0.4.38", "derecho_py3.11_1000", 1000, ["python 3.11.*", "numpy >=1.24", "nccl =*=derecho*", "lib0300"]),
        R("jax", "0.4.38", "derecho_1000", 1000, ["jaxlib ==0.4.38=derecho*", "python >=3.10", "numpy >=1.24", "lib0450"]),
        R("mpi4jax", "0.7.1", "derecho_py3.11_1000", 1000, ["mpi4py =*=derecho*", "jax >=0.4.30", "python 3.11.*"]),
        R("pytorch", "2.7.0", "derecho_py3.11_1000", 1000, ["nccl =*=derecho*", "python 3.11.*", "numpy", "lib0500", "lib0650"]),
        R("torchvision", "0.22.0", "derecho_py3.11_1000", 1000, ["pytorch ==2.7.0", "python 3.11.*", "lib0700"]),
    ];

    private static PackageRecord R(string name, string version, string build, long buildNumber, string[] depends) =>
        new() { Name = name, Version = version, Build = build, BuildNumber = buildNumber, Depends = depends };

    private static void WriteChannel(string dir, List<PackageRecord> records)
    {
        foreach (var subdir in new[] { "linux-64", "noarch" })
        {
            Directory.CreateDirectory(Path.Combine(dir, subdir));
            var packages = subdir == "noarch"
                ? new Dictionary<string, PackageRecord>()
                : records.ToDictionary(r => $"{r.Name}-{r.Version}-{r.Build}.conda", r => r with { Subdir = subdir });
            using var stream = File.Create(Path.Combine(dir, subdir, "repodata.json"));
            JsonSerializer.Serialize(stream, new Dictionary<string, object>
            {
                ["info"] = new Dictionary<string, string> { ["subdir"] = subdir },
                ["packages"] = new Dictionary<string, PackageRecord>(),
                ["packages.conda"] = packages,
                ["repodata_version"] = 1,
            });
        }
    }
}
