using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// Builds samples/v1split (a recipe.yaml with variants.yaml) with the packed SDK in a fresh repository and checks
/// the channel with independent tools: cph extracts the archives, readelf reads the RUNPATHs, a real Python
/// imports the extension from the extracted packages; then -t:Plan reports every package up to date.
/// </summary>
[NonParallelizable]
public class V1SampleTests
{
    private TestRepo _repo = null!;

    private string Output => _repo.Path_("output");

    [OneTimeSetUp]
    public void BuildSample()
    {
        _repo = new TestRepo();
        _repo.CopyFromRepository("samples");
        var r = _repo.Build("samples/v1split.proj");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
    }

    [OneTimeTearDown]
    public void Cleanup() => _repo.Dispose();

    [Test]
    public void The_matrix_is_reduced_to_the_python_variants_and_every_output_is_in_the_channel()
    {
        // variants.yaml gives python × opt_level; no output uses opt_level, so only the two Pythons remain.
        // compiler('c') falls back to gcc without entering the hash (rattler-build has no default variant). The library
        // does not use python: sha1('{"target_platform": "linux-64"}')[:7] = b0f4dca; the extension hashes
        // {"python": "3.11", "target_platform": "linux-64"} to 48b7412 (rattler-build's own py311h48b7412 for that variant).
        var names = Directory.EnumerateFiles(Path.Combine(Output, "linux-64"), "*.conda").Select(Path.GetFileName).Order();
        Assert.That(names, Is.EqualTo(new[]
        {
            "libv1demo-2.0.1-hb0f4dca_0.conda", "py-v1demo-2.0.1-py311h48b7412_0.conda", "py-v1demo-2.0.1-py312h738df08_0.conda",
        }));
    }

    [Test]
    public void The_extension_depends_on_its_python_and_on_the_library_through_pin_subpackage()
    {
        var repodata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "linux-64", "repodata.json")));
        var packages = repodata.RootElement.GetProperty("packages.conda");
        foreach (var (py, hash) in new[] { ("3.11", "48b7412"), ("3.12", "738df08") })
        {
            string file = $"py-v1demo-2.0.1-py{py.Replace(".", "")}h{hash}_0.conda";
            var depends = packages.GetProperty(file).GetProperty("depends").EnumerateArray().Select(d => d.GetString()).ToList();
            string next = $"3.{int.Parse(py.Split('.')[1]) + 1}";
            Assert.That(depends, Is.EquivalentTo(new[] { "libv1demo >=2.0.1,<2.1.0a0", $"python >={py},<{next}.0a0" }), file);
        }
        var library = packages.GetProperty("libv1demo-2.0.1-hb0f4dca_0.conda");
        Assert.That(library.GetProperty("depends").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void The_library_keeps_the_allowlisted_site_runpath_and_the_extension_runs_from_the_extracted_packages()
    {
        var prefix = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", "libv1demo-2.0.1-hb0f4dca_0.conda"));
        var extension = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", "py-v1demo-2.0.1-py312h738df08_0.conda"));
        try
        {
            var files = Directory.EnumerateFiles(prefix, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(prefix, f))
                .Where(f => !f.StartsWith("info/", StringComparison.Ordinal)).Order();
            Assert.That(files, Is.EqualTo(new[] { "include/v1demo.h", "lib/libv1demo.so", "lib/libv1demo.so.2" }));
            Assert.That(File.Exists(Path.Combine(prefix, "info", "recipe", "recipe.yaml")), "the recipe.yaml is recorded in info/recipe");

            var dynamic = Run("readelf", "-d", Path.Combine(prefix, "lib", "libv1demo.so.2"));
            var runpath = Regex.Match(dynamic, @"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[(.*)\]").Groups[1].Value.Split(':');
            string siteLib = _repo.Path_(".conda-work", "site-root", "lib");
            Assert.That(runpath, Does.Contain(siteLib), "the rpath_allowlist entry under the work folder is kept verbatim");
            Assert.That(runpath, Has.Some.StartsWith("$ORIGIN"), "the prefix entry is made relative");
            Assert.That(runpath, Has.None.Contains("not-allowlisted"), "an entry outside the prefix and the allowlist is removed");

            // The extension, installed beside the library, finds it through $ORIGIN and the site library through
            // the kept RUNPATH: 6 * 7 + the site's level 3.
            foreach (var file in Directory.EnumerateFiles(extension, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/info/")))
            {
                var to = Path.Combine(prefix, Path.GetRelativePath(extension, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
            string python = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv", "versions", "3.12.1", "bin", "python3.12");
            if (!File.Exists(python)) Assert.Ignore($"{python} is not installed");
            var result = Run(python, "-c",
                $"import sys; sys.path.insert(0, '{Path.Combine(prefix, "lib", "python3.12", "site-packages")}'); import v1demo; print(v1demo.combine(6, 7), v1demo.library_version())");
            Assert.That(result.Trim(), Is.EqualTo("45 2.0.1"));
        }
        finally
        {
            Directory.Delete(prefix, true);
            Directory.Delete(extension, true);
        }
    }

    [Test]
    public void Plan_reports_every_package_of_both_variants_up_to_date()
    {
        var r = _repo.Build("samples/v1split.proj", "-t:Plan");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Output, Does.Contain("v1split: 2 variants"));
        var planned = Regex.Matches(r.Output, @"output/linux-64/(\S+\.conda)\s+\[up to date\]").Select(m => m.Groups[1].Value).ToList();
        Assert.That(planned, Is.EquivalentTo(new[]
        {
            "libv1demo-2.0.1-hb0f4dca_0.conda", "py-v1demo-2.0.1-py312h738df08_0.conda",
            "libv1demo-2.0.1-hb0f4dca_0.conda", "py-v1demo-2.0.1-py311h48b7412_0.conda",
        }), r.Output);
    }

    private static string Run(string program, params string[] args)
    {
        var r = Cli.Wrap(program).WithArguments(args).WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(e => e.Set("LD_LIBRARY_PATH", null))
            .ExecuteBufferedAsync().GetAwaiter().GetResult();
        Assert.That(r.ExitCode, Is.EqualTo(0), $"{program}: {r.StandardError}");
        return r.StandardOutput;
    }
}
