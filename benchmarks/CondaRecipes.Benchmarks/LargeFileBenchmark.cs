using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Builds, tests and publishes a package holding one 3 GB text file (a script whose shebang and every line
/// name the build prefix, so shebang fixing, prefix detection, hashing, packaging and the test install's
/// prefix rewrite all read it) and prints the build's peak RSS, as /usr/bin/time reports it for the largest
/// process of the build. Goal: under 500 MB whatever the file's size. zstd level 1 keeps it to minutes.
/// CR_BENCH_LARGE_FILE_MB changes the size (default 3000). The package also holds a gcc-built shared
/// library whose RPATH names the build prefix, extended (sparsely, so the build script costs nothing) to
/// CR_BENCH_LARGE_ELF_MB (default 2200, past the 2 GB a whole-file read cannot hold): RPATH relocation,
/// the linkage check, hashing and packaging all go through it; 0 leaves the library out.
/// </summary>
public sealed class LargeFileBenchmark : IBenchmark
{
    public string Name => "large-file";

    public void Run(string scratchDir, BenchmarkReport report)
    {
        var megabytes = long.Parse(Environment.GetEnvironmentVariable("CR_BENCH_LARGE_FILE_MB") ?? "3000", CultureInfo.InvariantCulture);
        var elfMegabytes = long.Parse(Environment.GetEnvironmentVariable("CR_BENCH_LARGE_ELF_MB") ?? "2200", CultureInfo.InvariantCulture);
        RepositoryBuilds.EnsureSdkTasksBuilt();
        WriteProject(scratchDir, megabytes * 1000 * 1000, elfMegabytes * 1000 * 1000);

        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH")
            .ToDictionary(k => k, _ => (string?)null);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = Cli.Wrap("/usr/bin/time")
            .WithArguments(["-v", "dotnet", "build", "big.proj", "-nologo", "-nr:false", "-p:CondaZstdLevel=1", $"-p:CondaCacheDir={Path.Combine(scratchDir, "cache")}/"])
            .WithWorkingDirectory(scratchDir).WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().GetAwaiter().GetResult();
        sw.Stop();
        var output = r.StandardOutput + r.StandardError;
        if (r.ExitCode != 0) throw new InvalidOperationException($"building the large-file package failed:\n{output}");

        var peakKb = long.Parse(Regex.Match(r.StandardError, @"Maximum resident set size \(kbytes\): (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var archive = Directory.EnumerateFiles(Path.Combine(scratchDir, "output", "linux-64"), "big-*.conda").Single();
        report.Add(Name, "payload file", $"{megabytes} MB");
        if (elfMegabytes > 0) report.Add(Name, "shared library with a relocated RPATH", $"{elfMegabytes} MB");
        report.Add(Name, "package (zstd level 1)", $"{new FileInfo(archive).Length / 1e3:F0} kB");
        report.Add(Name, "build, test and publish", $"{sw.Elapsed.TotalSeconds:F0} s");
        report.Add(Name, "peak RSS of the build (largest process)", $"{peakKb / 1024.0:F0} MB", "< 500 MB", peakKb < 500 * 1024);
    }

    /// <summary>A repository of one recipe, resolving the SDK packed from this source tree.</summary>
    private static void WriteProject(string dir, long bytes, long elfBytes)
    {
        var root = RepositoryBuilds.Root;
        File.Copy(Path.Combine(root, "global.json"), Path.Combine(dir, "global.json"));
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><add key="condarecipes-local" value="{Path.Combine(root, "artifacts", "packages")}" /></packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "big.proj"), """<Project Sdk="CondaRecipes.Sdk" />""");
        Directory.CreateDirectory(Path.Combine(dir, "big"));
        // readelf (an independent reader) checks in the test environment that the RPATH was relocated.
        var libraryTest = elfBytes <= 0 ? "" : "\n    - readelf -d \"$PREFIX/lib/libbig.so\" | grep -q 'RPATH.*\\$ORIGIN'";
        File.WriteAllText(Path.Combine(dir, "big", "meta.yaml"), $$"""
            package:
              name: big
              version: 1.0
            build:
              number: 0
            test:
              commands:
                - test -s "$PREFIX/bin/bigtool"{{libraryTest}}
            """);
        // A shared library linked with an RPATH into the build prefix (relocation rewrites it to $ORIGIN),
        // then extended past its section headers: the loader and readelf ignore what follows.
        var library = elfBytes <= 0 ? "" : $"""
            mkdir -p "$PREFIX/lib"
            printf 'int big_value(void) {"{"} return 42; {"}"}\n' > big_lib.c
            gcc -shared -fPIC -Wl,--disable-new-dtags -Wl,-soname,libbig.so -Wl,-rpath,"$PREFIX/lib" big_lib.c -o "$PREFIX/lib/libbig.so"
            truncate -s {elfBytes} "$PREFIX/lib/libbig.so"
            """;
        // The first line is a shebang into the (255-character) prefix; every other line names the prefix.
        File.WriteAllText(Path.Combine(dir, "big", "build.sh"), $"""
            set -euo pipefail
            mkdir -p "$PREFIX/bin"
            {"{"} printf '#!%s/bin/python3\n' "$PREFIX"; yes "$PREFIX/lib/big/data.txt some text that repeats" || true; {"}"} | head -c {bytes} > "$PREFIX/bin/bigtool"
            chmod +x "$PREFIX/bin/bigtool"
            {library}
            """.Replace("\r\n", "\n") + "\n");
    }
}
