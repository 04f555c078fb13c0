using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// Builds the real samples with the packed SDK in a fresh repository (once for the fixture) and checks the
/// channel with independent tools: Debian's cph, hashes computed here, readelf.
/// </summary>
[NonParallelizable]
public class SamplesPipelineTests
{
    private TestRepo _repo = null!;
    private DotnetCli.Result _first = null!;

    private string Output => _repo.Path_("output");

    [OneTimeSetUp]
    public void BuildSamples()
    {
        _repo = new TestRepo();
        _repo.CopyFromRepository("samples");
        _first = _repo.Build("samples/clib.proj", "-p:CondaPackageFormat=both");
        Assert.That(_first.ExitCode, Is.EqualTo(0), _first.ToString());
        foreach (var sample in new[] { "pyext", "activate-env", "host-rpath", "wheel-repack", "pyext-plugin", "splitlib" })
        {
            var r = _repo.Build($"samples/{sample}.proj", "-m:2");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        }
    }

    [OneTimeTearDown]
    public void Cleanup() => _repo.Dispose();

    private IEnumerable<string> Archives() =>
        Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".conda") || f.EndsWith(".tar.bz2")) && !f.Contains("/broken/"));

    [Test]
    public void Every_sample_variant_is_in_the_channel()
    {
        var names = Archives().Select(Path.GetFileName).Order().ToList();
        // clib calls compiler('c'), so conda-build's default c_compiler=gcc is a used variable:
        // sha1('{"c_compiler": "gcc", "target_platform": "linux-64"}')[:7] = 9bf148f (python3's json + hashlib).
        Assert.That(names, Is.EquivalentTo(new[]
        {
            "clib-demo-1.2.0-h9bf148f_0.conda", "clib-demo-1.2.0-h9bf148f_0.tar.bz2",
            "greeting-2.1.0-sample_py3.10_1000.conda", "greeting-2.1.0-sample_py3.11_1000.conda", "greeting-2.1.0-sample_py3.12_1000.conda",
            "host-rpath-demo-1.0.0-0.conda",
            "pyext-demo-0.3.1-sample_py3.10_1000.conda", "pyext-demo-0.3.1-sample_py3.11_1000.conda", "pyext-demo-0.3.1-sample_py3.12_1000.conda",
            "pyext-plugin-1.0.0-sample_py3.10_1000.conda", "pyext-plugin-1.0.0-sample_py3.11_1000.conda", "pyext-plugin-1.0.0-sample_py3.12_1000.conda",
            "site-env-defaults-1.0.0-0.conda",
            // An output hashes the variables its own list item uses: libsplitdemo's names none (conda-build's rule).
            "libsplitdemo-1.4.2-0.conda",
            "py-splitdemo-1.4.2-py310h9bf148f_0.conda", "py-splitdemo-1.4.2-py311h9bf148f_0.conda", "py-splitdemo-1.4.2-py312h9bf148f_0.conda",
        }));
        Assert.That(File.Exists(Path.Combine(Output, "noarch", "repodata.json")), "noarch/repodata.json must always exist");
        Assert.That(File.Exists(Path.Combine(Output, "channeldata.json")));
    }

    [Test]
    public void Every_archive_extracts_with_cph_and_matches_its_paths_json()
    {
        foreach (var archive in Archives())
        {
            var extracted = ChannelInspection.ExtractWithCph(archive);
            try { ChannelInspection.AssertMatchesPathsJson(extracted); }
            finally { Directory.Delete(extracted, true); }
        }
    }

    [Test]
    public void Repodata_records_match_the_archives()
    {
        ChannelInspection.AssertRepodataMatchesArchives(Path.Combine(Output, "linux-64"));
        ChannelInspection.AssertRepodataMatchesArchives(Path.Combine(Output, "noarch"));
    }

    [Test]
    public void Prefix_placeholders_are_recorded_for_a_text_file_and_a_compiled_library()
    {
        var extracted = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", "clib-demo-1.2.0-h9bf148f_0.conda"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", "paths.json")));
        var byPath = doc.RootElement.GetProperty("paths").EnumerateArray().ToDictionary(e => e.GetProperty("_path").GetString()!);

        var text = byPath["share/clib-demo/config.txt"];
        var binary = byPath["lib/libclibdemo.so"];
        Assert.That(text.GetProperty("file_mode").GetString(), Is.EqualTo("text"));
        Assert.That(binary.GetProperty("file_mode").GetString(), Is.EqualTo("binary"));
        var placeholder = binary.GetProperty("prefix_placeholder").GetString()!;
        Assert.That(placeholder, Has.Length.EqualTo(255).And.Contains("_placehold"));
        Assert.That(File.ReadAllText(Path.Combine(extracted, "share/clib-demo/config.txt")), Does.Contain(placeholder));
        Assert.That(File.ReadAllText(Path.Combine(extracted, "info", "has_prefix")), Does.Contain($"{placeholder} binary lib/libclibdemo.so"));
        Directory.Delete(extracted, true);
    }

    [Test]
    public void The_packaged_test_ran_against_the_installed_package()
    {
        var log = File.ReadAllText(_repo.Path_("logs", "clib", "default.test.log"));
        // The library's compiled-in prefix was rewritten to the test prefix at install.
        Assert.That(log, Does.Match(@"3 \+ 4 = 7 \(data in /.*/test/prefix/share/clib-demo\)"));
    }

    [Test]
    public void The_split_binding_depends_on_its_library_through_pin_subpackage_and_runs_against_it()
    {
        var repodata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "linux-64", "repodata.json")));
        var bindings = repodata.RootElement.GetProperty("packages.conda").EnumerateObject()
            .Where(p => p.Name.StartsWith("py-splitdemo-", StringComparison.Ordinal)).ToList();
        Assert.That(bindings, Has.Count.EqualTo(3));
        foreach (var binding in bindings)
            Assert.That(binding.Value.GetProperty("depends").EnumerateArray().Select(d => d.GetString()),
                Does.Contain("libsplitdemo >=1.4.2,<1.5.0a0"), binding.Name);
        // The test stage installed each binding with its library from the variant's archives and ran it.
        var logs = Directory.EnumerateFiles(_repo.Path_("logs"), "*.py-splitdemo.test.log", SearchOption.AllDirectories).ToList();
        Assert.That(logs, Has.Count.EqualTo(3));
        Assert.That(logs.All(l => File.ReadAllText(l).Contains("splitdemo.scale(6, 7) == 43")));
    }

    [Test]
    public void A_second_build_skips_every_variant()
    {
        var before = Archives().ToDictionary(a => a, a => File.GetLastWriteTimeUtc(a));
        var r = _repo.Build("samples/pyext.proj", "-m:2");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(System.Text.RegularExpressions.Regex.Matches(r.Output, "is up to date").Count, Is.EqualTo(3), r.Output);
        Assert.That(r.Output, Does.Not.Contain("building "));
        Assert.That(Archives().ToDictionary(a => a, a => File.GetLastWriteTimeUtc(a)), Is.EqualTo(before));
    }

    [Test]
    public void A_changed_recipe_rebuilds_only_its_variants()
    {
        var meta = _repo.Path_("samples", "activate-env", "site-defaults.cfg");
        File.AppendAllText(meta, "SAMPLE_EXTRA=1\n");
        var r = _repo.Build("samples/activate-env.proj");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Output, Does.Contain("building site-env-defaults-1.0.0-0.conda (inputs changed)"));
    }

    [Test]
    public void The_plugin_was_built_and_tested_against_the_local_channel_package()
    {
        var log = File.ReadAllText(_repo.Path_("logs", "pyext-plugin", "py3.11.log"));
        Assert.That(log, Does.Contain("building against pyext_demo, triple(2) = 6"));
        var extracted = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", "pyext-plugin-1.0.0-sample_py3.11_1000.conda"));
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", "index.json")));
        Assert.That(index.RootElement.GetProperty("depends").EnumerateArray().Select(d => d.GetString()),
            Is.EquivalentTo(new[] { "pyext-demo =*=sample*", "python >=3.11,<3.12.0a0" }),
            "pin_run_as_build replaces the version written in run (python 3.11.*) by the x.x pin of the host python");
        Assert.That(Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories).Any(f => f.Contains("pyext_demo")),
            Is.False, "the dependency installed into the host prefix is not packaged again");
        Directory.Delete(extracted, true);
    }

    [Test]
    public void Each_pyext_build_is_pinned_to_its_python_and_cannot_be_resolved_into_another()
    {
        // The recipe lists plain "python" in host and run, as conda-forge recipes do.
        foreach (var (py, next) in new[] { ("3.10", "3.11"), ("3.11", "3.12"), ("3.12", "3.13") })
        {
            var extracted = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", $"pyext-demo-0.3.1-sample_py{py}_1000.conda"));
            using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", "index.json")));
            Assert.That(index.RootElement.GetProperty("depends").EnumerateArray().Select(d => d.GetString()),
                Is.EqualTo(new[] { $"python >={py},<{next}.0a0" }));
            Directory.Delete(extracted, true);
        }

        var pool = CondaRecipes.Channels.Solving.PackagePool.FromChannels(
            [CondaRecipes.Channels.Reading.ChannelSource.Create(Output)], "linux-64");
        pool.AddExternal("python", "3.11.9", "external_pyenv");
        var e = Assert.Throws<CondaRecipes.Diagnostics.CondaRecipesException>(() =>
            CondaRecipes.Channels.Solving.Resolver.Solve(["pyext-demo 0.3.1 sample_py3.12_1000"], pool))!;
        Assert.That(e.Code, Is.EqualTo(CondaRecipes.Channels.ChannelErrorCodes.Unsatisfiable));
        Assert.That(CondaRecipes.Channels.Solving.Resolver.Solve(["pyext-demo"], pool).Find("pyext-demo")!.Build,
            Is.EqualTo("sample_py3.11_1000"));
    }

    [Test]
    public void The_samples_environment_file_resolves_to_the_local_builds()
    {
        // conda-forge cannot be reached here; a local channel stands in for it, holding an ordinary build
        // (build number 0) of the same pyext-demo version.
        var ordinary = _repo.Path_("ordinary-channel");
        WriteRepodata(ordinary, "linux-64", """
            {"info": {"subdir": "linux-64"}, "packages": {}, "repodata_version": 1, "removed": [],
             "packages.conda": {"pyext-demo-0.3.1-py312h1234567_0.conda": {"name": "pyext-demo", "version": "0.3.1",
               "build": "py312h1234567_0", "build_number": 0, "depends": ["python >=3.12,<3.13.0a0"], "subdir": "linux-64",
               "timestamp": 1900000000000, "sha256": "00", "md5": "00", "size": 1}}}
            """);
        WriteRepodata(ordinary, "noarch", """{"info": {"subdir": "noarch"}, "packages": {}, "packages.conda": {}, "repodata_version": 1, "removed": []}""");

        var env = CondaRecipes.Channels.EnvironmentFile.Load(_repo.Path_("samples", "environment.yml"), _repo.Root);
        Assert.That(env.Channels, Is.EqualTo(new[] { Output, "conda-forge" }));
        var channels = env.Channels.Select(c => c == "conda-forge" ? ordinary : c).ToList();

        CondaRecipes.Channels.Solving.PackagePool Pool(IEnumerable<string> order)
        {
            var pool = CondaRecipes.Channels.Solving.PackagePool.FromChannels(
                order.Select(c => CondaRecipes.Channels.Reading.ChannelSource.Create(c)), "linux-64");
            pool.AddExternal("python", "3.12.1", "external_pyenv");
            return pool;
        }

        var solution = CondaRecipes.Channels.Solving.Resolver.Solve(env.Dependencies, Pool(channels));
        Assert.That(solution.Find("pyext-demo")!.Build, Is.EqualTo("sample_py3.12_1000"));
        Assert.That(solution.Find("pyext-plugin")!.Build, Is.EqualTo("sample_py3.12_1000"));
        Assert.That(solution.Find("greeting")!.Build, Is.EqualTo("sample_py3.12_1000"));
        Assert.That(solution.Find("clib-demo"), Is.Not.Null);

        // Without the label spec and with the ordinary channel first under flexible priority, the higher
        // build number still wins at the same version, as build 1000 did for the original's packages.
        var flexible = CondaRecipes.Channels.Solving.Resolver.Solve(["python 3.12.*", "pyext-demo 0.3.1"],
            Pool([ordinary, Output]), new CondaRecipes.Channels.Solving.SolveOptions { ChannelPriority = CondaRecipes.Channels.Solving.ChannelPriority.Flexible });
        Assert.That(flexible.Find("pyext-demo")!.BuildNumber, Is.EqualTo(1000));
    }

    private static void WriteRepodata(string channel, string subdir, string json)
    {
        Directory.CreateDirectory(Path.Combine(channel, subdir));
        File.WriteAllText(Path.Combine(channel, subdir, "repodata.json"), json);
    }

    [Test]
    public void The_host_rpath_sample_keeps_the_whitelisted_host_path_and_runs_when_extracted_elsewhere()
    {
        var extracted = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", "host-rpath-demo-1.0.0-0.conda"));
        var hostLib = _repo.Path_(".conda-work", "host-root", "opt", "cray", "lib");
        foreach (var file in new[] { "bin/demo", "lib/libdemo.so" })
        {
            var dynamic = Run("readelf", "-d", Path.Combine(extracted, file));
            var runpath = System.Text.RegularExpressions.Regex.Match(dynamic, @"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[(.*)\]").Groups[1].Value;
            var entries = runpath.Split(':');
            Assert.That(entries, Does.Contain(hostLib), $"{file}: whitelisted host path kept");
            Assert.That(entries, Has.Some.StartsWith("$ORIGIN"), $"{file}: prefix path made relative");
            Assert.That(runpath, Does.Not.Contain("/usr/local/not-whitelisted"), $"{file}: other outside path removed");
            Assert.That(runpath, Does.Not.Contain("_placehold"), $"{file}: no build prefix left");
        }
        Assert.That(Run(Path.Combine(extracted, "bin", "demo")), Does.Contain("libdemo says 42"));
        Directory.Delete(extracted, true);
    }

    [Test]
    public void An_ordinary_packages_entry_point_is_conda_builds_console_script_in_bin()
    {
        var extracted = ChannelInspection.ExtractWithCph(Path.Combine(Output, "linux-64", "greeting-2.1.0-sample_py3.11_1000.conda"));
        try
        {
            var script = File.ReadAllText(Path.Combine(extracted, "bin", "greet"));
            var placeholder = script[2..script.IndexOf('\n')];
            Assert.That(placeholder, Does.Contain("_placehold").And.EndsWith("/bin/python"), "the host Python, relocated at install");
            Assert.That(script, Does.Contain("\n\n# -*- coding: utf-8 -*-\n").And.Contain("from greeting import main").And.Contain("sys.exit(main())"));
            Assert.That(File.ReadAllText(Path.Combine(extracted, "info", "has_prefix")), Does.Contain("text bin/greet"));
            Assert.That(File.Exists(Path.Combine(extracted, "info", "link.json")), Is.False, "only noarch packages have a link.json");
        }
        finally { Directory.Delete(extracted, true); }
    }

    private static string Run(string exe, params string[] args)
    {
        var buffered = CliWrap.Buffered.BufferedCommandExtensions.ExecuteBufferedAsync(
            CliWrap.Cli.Wrap(exe).WithArguments(args).WithValidation(CliWrap.CommandResultValidation.None)).GetAwaiter().GetResult();
        Assert.That(buffered.ExitCode, Is.EqualTo(0), $"{exe}: {buffered.StandardError}");
        return buffered.StandardOutput;
    }
}
