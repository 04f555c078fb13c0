using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CondaRecipes.Tests.Sdk;

/// <summary>
/// What a person sees of `-t:Plan` and of a build: in a real pseudo-terminal (the default terminal logger of
/// .NET 10) and with output redirected (CI); the binary log and `-getTargetResult:Plan` as the records of both.
/// One recipe, four variants in this order: one builds, one is skipped by a selector, one's script fails, and the
/// last builds too (variants build side by side; one failing does not stop the others, but fails the project).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TerminalOutputTests
{
    private static TestRepo RepoWithFourFlavors()
    {
        var repo = new TestRepo();
        repo.Write("r/tdemo/meta.yaml", """
            package:
              name: tdemo
              version: "1.0"
            build:
              string: {{ FLAVOR }}_0
              skip: true  # [FLAVOR == 'c']
            """);
        repo.Write("r/tdemo/build.sh", """
            if [ "$FLAVOR" = b ]; then echo "flavor b cannot build" >&2; exit 3; fi
            mkdir -p "$PREFIX/share/tdemo" && echo "$FLAVOR" > "$PREFIX/share/tdemo/flavor"
            """);
        repo.Write("r/tdemo.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaVariant Include="FLAVOR" Values="a;c;b;d" /></ItemGroup>
            </Project>
            """);
        return repo;
    }

    [Test]
    public void In_a_terminal_the_plan_and_the_build_name_each_variant_with_its_package_status_and_the_summary()
    {
        using var repo = RepoWithFourFlavors();

        var plan = PseudoTerminal.Build(repo.Root, "r/tdemo.proj", "-t:Plan");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Text, Does.Match(@"(?m)^  tdemo flavor-a succeeded \([\d.]+s\) → \[missing\] output/linux-64/tdemo-1\.0-a_0\.conda$"), plan.ToString());
        Assert.That(plan.Text, Does.Match(@"(?m)^  tdemo flavor-b succeeded \([\d.]+s\) → \[missing\] output/linux-64/tdemo-1\.0-b_0\.conda$"), plan.ToString());
        Assert.That(plan.Text, Does.Match(@"(?m)^  tdemo flavor-c succeeded \([\d.]+s\) → \[skipped: build/skip is true .*FLAVOR == 'c'.*\]$"), plan.ToString());
        Assert.That(plan.Text, Does.Match(@"(?m)^  tdemo flavor-d succeeded \([\d.]+s\) → \[missing\] output/linux-64/tdemo-1\.0-d_0\.conda$"), plan.ToString());

        var build = PseudoTerminal.Build(repo.Root, "r/tdemo.proj", "-m");
        Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
        Assert.That(build.Text, Does.Match(@"(?m)^  tdemo flavor-a succeeded \([\d.]+s\) → \[built\] output/linux-64/tdemo-1\.0-a_0\.conda$"), build.ToString());
        Assert.That(build.Text, Does.Match(@"(?m)^  tdemo flavor-b failed with 1 error\(s\) \([\d.]+s\)$"), build.ToString());
        Assert.That(build.Text, Does.Contain("The full log is " + repo.Path_("logs", "tdemo", "flavor-b.log")), build.ToString());
        Assert.That(build.Text, Does.Match(@"(?m)^  tdemo flavor-c succeeded \([\d.]+s\) → \[skipped: "), build.ToString());
        Assert.That(build.Text, Does.Match(@"(?m)^  tdemo failed \([\d.]+s\) → 2 built, 0 up to date, 1 skipped, 1 failed$"), build.ToString());
        Assert.That(build.Text, Does.Match(@"(?m)^  tdemo flavor-d succeeded \([\d.]+s\) → \[built\] output/linux-64/tdemo-1\.0-d_0\.conda$"), build.ToString());
        Assert.That(File.Exists(repo.Path_("output", "linux-64", "tdemo-1.0-a_0.conda")), "the package the terminal names exists");
    }

    [Test]
    public void In_a_terminal_each_running_variant_shows_its_stage_while_it_builds()
    {
        using var repo = new TestRepo();
        repo.Write("r/slow/meta.yaml", """
            package:
              name: slow
              version: "1.0"
            build:
              string: {{ SPEED }}_0
            test:
              commands:
                - sleep 3
            """);
        repo.Write("r/slow/build.sh", "sleep 3; mkdir -p \"$PREFIX/share/slow\" && echo \"$SPEED\" > \"$PREFIX/share/slow/speed\"");
        repo.Write("r/slow.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaVariant Include="SPEED" Values="x;y" /></ItemGroup>
            </Project>
            """);

        var build = PseudoTerminal.Watch(repo.Root, "r/slow.proj", "-m:2");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        var seen = string.Join("\n----\n", build.Frames);
        // The live line of each running variant: project and variant id on the left; the stage's target and the time so
        // far right-aligned at column 120.
        foreach (var variant in new[] { "speed-x", "speed-y" })
        {
            Assert.That(seen, Does.Match(@$"(?m)^  slow {variant}\s+CondaBuildScript \(\d+[.,]\ds\)$"), seen);
            Assert.That(seen, Does.Match(@$"(?m)^  slow {variant}\s+CondaTests \(\d+[.,]\ds\)$"), seen);
        }
        // Once a variant has finished, its live line gives way to its result.
        Assert.That(build.Text, Does.Match(@"(?m)^  slow speed-x succeeded \([\d.]+s\) → \[built\] output/linux-64/slow-1\.0-x_0\.conda$"), build.ToString());
        Assert.That(build.Text, Does.Not.Contain("CondaBuildScript ("), build.ToString());
    }

    [Test]
    public void Redirected_the_build_prints_stages_and_a_summary_table_and_the_binlog_holds_each_variant_log()
    {
        using var repo = RepoWithFourFlavors();
        var build = repo.Build("r/tdemo.proj", "-m", "-bl:build.binlog");
        Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
        Assert.That(build.Output, Does.Contain("tdemo FLAVOR=a: stage: script"), build.ToString());
        var table = build.Output[build.Output.IndexOf("Summary:", StringComparison.Ordinal)..];
        var size = new FileInfo(repo.Path_("output", "linux-64", "tdemo-1.0-a_0.conda")).Length / 1024.0;
        Assert.That(table, Does.Match(@$"(?m)^\s+failed\s+tdemo flavor-b\s+log: logs/tdemo/flavor-b\.log$"), build.ToString());
        Assert.That(table, Does.Match(@$"(?m)^\s+built\s+tdemo flavor-a\s+output/linux-64/tdemo-1\.0-a_0\.conda\s+{size.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} KB\s+[\d.]+s$"), build.ToString());
        Assert.That(table, Does.Match(@"(?m)^\s+skipped\s+tdemo flavor-c\s+\(build/skip is true"), build.ToString());
        Assert.That(table, Does.Match(@"(?m)^\s+built\s+tdemo flavor-d\s+output/linux-64/tdemo-1\.0-d_0\.conda"), build.ToString());
        Assert.That(table, Does.Contain("tdemo -> 2 built, 0 up to date, 1 skipped, 1 failed"));

        var embedded = EmbeddedFiles(repo.Path_("build.binlog"));
        Assert.That(embedded, Has.Some.EndsWith("/logs/tdemo/flavor-a.log").And.Some.EndsWith("/logs/tdemo/flavor-b.log"),
            string.Join("\n", embedded));

        var again = repo.Build("r/tdemo.proj", "-m");
        Assert.That(again.Output, Does.Contain("tdemo -> 0 built, 2 up to date, 1 skipped, 1 failed"), again.ToString());
    }

    [Test]
    public void GetTargetResult_Plan_is_the_plan_as_json()
    {
        using var repo = RepoWithFourFlavors();
        var r = repo.Build("r/tdemo.proj", "-t:Plan", "-getTargetResult:Plan");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        using var json = JsonDocument.Parse(r.Output);
        var plan = json.RootElement.GetProperty("TargetResults").GetProperty("Plan");
        Assert.That(plan.GetProperty("Result").GetString(), Is.EqualTo("Success"));
        var items = plan.GetProperty("Items").EnumerateArray()
            .Select(i => $"{i.GetProperty("Variant").GetString()} {i.GetProperty("Status").GetString()} {Path.GetFileName(i.GetProperty("Identity").GetString())}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.That(items, Is.EqualTo(new[]
        {
            "flavor-a missing tdemo-1.0-a_0.conda",
            "flavor-b missing tdemo-1.0-b_0.conda",
            "flavor-c skipped flavor-c",
            "flavor-d missing tdemo-1.0-d_0.conda",
        }));
    }

    /// <summary>
    /// The files a binary log embeds: after its gzip layer, the log holds them as one zip archive (its project
    /// imports archive); the archive runs from its first local file header to the end of its central directory.
    /// </summary>
    private static List<string> EmbeddedFiles(string binlog)
    {
        using var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        var bytes = raw.ToArray();
        var start = bytes.AsSpan().IndexOf("PK\u0003\u0004"u8);
        var end = bytes.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the binlog embeds files");
        using var zip = new ZipArchive(new MemoryStream(bytes, start, end + 22 - start), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
    }
}
