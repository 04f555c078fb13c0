using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// A library whose recipe declares run_exports is built into the local channel; recipes that have it in host
/// are built against it through that channel. The export reaches their depends unless ignore_run_exports or
/// ignore_run_exports_from drops it, and compiler('c')/compiler('cxx') give the build script CC, CXX and
/// flags that find the library's header in $PREFIX. Checked in the archives, extracted with Debian's cph.
/// </summary>
[NonParallelizable]
public class RunExportsPipelineTests
{
    private TestRepo _repo = null!;

    private const string Library = """
        package:
          name: libfoo
          version: 1.4.0
        build:
          number: 0
          script:
            - mkdir -p $PREFIX/include
            - echo '#define LIBFOO_VERSION "1.4.0"' > $PREFIX/include/libfoo.h
          run_exports:
            weak:
              - libfoo >=1.2,<2
        about:
          license: MIT
        """;

    private static string Consumer(string name, string buildExtra, string test) => """
        package:
          name: NAME
          version: 1.0.0
        build:
          number: 0
        BUILD_EXTRA
        requirements:
          build:
            - {{ compiler('c') }}
            - {{ compiler('cxx') }}
          host:
            - libfoo
        TEST
        about:
          license: MIT
        """.Replace("NAME", name).Replace("BUILD_EXTRA", buildExtra).Replace("TEST", test);

    // Compiles against the library's header with the activated compiler and its flags only.
    private const string ConsumerScript = """
        set -e
        mkdir -p "$PREFIX/share/$PKG_NAME"
        printf '#include <libfoo.h>\n#include <stdio.h>\nint main(void) { puts(LIBFOO_VERSION); return 0; }\n' > main.c
        $CC $CPPFLAGS $CFLAGS main.c -o "$PREFIX/share/$PKG_NAME/foo-version" $LDFLAGS
        printf 'CC=%s\nCXX=%s\n' "$CC" "$CXX" > "$PREFIX/share/$PKG_NAME/toolchain.txt"
        """;

    [OneTimeSetUp]
    public void BuildLibraryAndConsumers()
    {
        _repo = new TestRepo();
        _repo.Write("r/libfoo/meta.yaml", Library);
        _repo.Write("r/libfoo.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var consumers = new Dictionary<string, (string Build, string Test)>
        {
            // The export puts libfoo in depends, so the test prefix gets it from the local channel.
            ["consumer"] = ("", "test:\n  commands:\n    - test -f $PREFIX/include/libfoo.h"),
            ["consumer-ignore"] = ("  ignore_run_exports:\n    - libfoo", ""),
            ["consumer-ignore-from"] = ("  ignore_run_exports_from:\n    - libfoo", ""),
        };
        foreach (var (name, (build, test)) in consumers)
        {
            _repo.Write($"r/{name}/meta.yaml", Consumer(name, build, test));
            _repo.Write($"r/{name}/build.sh", ConsumerScript);
            _repo.Write($"r/{name}.proj", """
                <Project Sdk="CondaRecipes.Sdk">
                  <ItemGroup><ProjectReference Include="libfoo.proj" /></ItemGroup>
                </Project>
                """);
            var r = _repo.Build($"r/{name}.proj");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        }
        _repo.Write("r/pinned/meta.yaml", Pinned);
        _repo.Write("r/pinned.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><ProjectReference Include="libfoo.proj" /></ItemGroup>
            </Project>
            """);
        var pinned = _repo.Build("r/pinned.proj");
        Assert.That(pinned.ExitCode, Is.EqualTo(0), pinned.ToString());
    }

    // pin_compatible of the library in host, in run and in run_constrained; the library's weak export joins run.
    // Its own run_exports pin the library (pin_compatible) and itself (pin_subpackage).
    private const string Pinned = """
        package:
          name: pinned
          version: 1.0.0
        build:
          number: 0
          script: mkdir -p $PREFIX/share/pinned && touch $PREFIX/share/pinned/x
          run_exports:
            weak:
              - {{ pin_subpackage('pinned', max_pin='x.x') }}
            strong:
              - {{ pin_compatible('libfoo', max_pin='x') }}
        requirements:
          host:
            - libfoo
          run:
            - {{ pin_compatible('libfoo', max_pin='x.x') }}
          run_constrained:
            - {{ pin_compatible('libfoo', exact=True) }}
        test:
          requires:
            - {{ pin_compatible('libfoo', min_pin='x', max_pin='x') }}
          commands:
            - test -f $PREFIX/share/pinned/x
        about:
          license: MIT
        """;

    [OneTimeTearDown]
    public void Cleanup() => _repo.Dispose();

    /// <param name="nameVersion"><c>name-version</c>: the build string carries the hash of the variant's compiler
    /// (conda-build hashes <c>c_compiler</c> when the recipe calls <c>compiler('c')</c>), so it is matched, not spelled.</param>
    private (List<string> Depends, string Extracted) Package(string nameVersion)
    {
        var files = Directory.GetFiles(_repo.Path_("output", "linux-64"), nameVersion + "-*.conda");
        Assert.That(files, Has.Length.EqualTo(1), $"one package {nameVersion} in the channel");
        var extracted = ChannelInspection.ExtractWithCph(files[0]);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", "index.json")));
        return (index.RootElement.GetProperty("depends").EnumerateArray().Select(d => d.GetString()!).ToList(), extracted);
    }

    [Test]
    public void The_library_carries_its_run_exports()
    {
        var (_, extracted) = Package("libfoo-1.4.0");
        using var exports = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", "run_exports.json")));
        Assert.That(exports.RootElement.GetProperty("weak").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "libfoo >=1.2,<2" }));
        Directory.Delete(extracted, true);
    }

    [Test]
    public void A_consumer_with_the_library_in_host_depends_on_the_export()
    {
        var (depends, extracted) = Package("consumer-1.0.0");
        Assert.That(depends, Is.EqualTo(new[] { "libfoo >=1.2,<2" }));
        Directory.Delete(extracted, true);
        Assert.That(File.ReadAllText(_repo.Path_("logs", "consumer", "default.test.log")), Does.Contain("test -f"),
            "the test ran in a prefix where the export installed libfoo");
    }

    [TestCase("consumer-ignore")]
    [TestCase("consumer-ignore-from")]
    public void Ignored_exports_do_not_reach_depends(string name)
    {
        var (depends, extracted) = Package($"{name}-1.0.0");
        Assert.That(depends, Is.Empty);
        Directory.Delete(extracted, true);
    }

    [Test]
    public void The_build_script_saw_the_activated_compilers_and_found_the_header_through_the_flags()
    {
        var (_, extracted) = Package("consumer-1.0.0");
        var toolchain = File.ReadAllLines(Path.Combine(extracted, "share", "consumer", "toolchain.txt"));
        Assert.That(toolchain, Is.EqualTo(new[] { "CC=/usr/bin/gcc", "CXX=/usr/bin/g++" }));
        using var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            Path.Combine(extracted, "share", "consumer", "foo-version")) { RedirectStandardOutput = true })!;
        var output = run.StandardOutput.ReadToEnd();
        run.WaitForExit();
        Assert.That(output.Trim(), Is.EqualTo("1.4.0"), "compiled against the library's header in $PREFIX/include");
        Directory.Delete(extracted, true);
    }

    /// <summary>
    /// conda-build records the finalized metadata as info/recipe/meta.yaml: run is what index.json depends on
    /// (pin_compatible computed, run_exports added), run_constrained what it constrains, test/requires pinned,
    /// host the packages the environment resolved to;
    /// the author's text is kept beside it as meta.yaml.template.
    /// </summary>
    [Test]
    public void The_recorded_recipe_holds_the_finalized_requirements_and_the_template_the_authors_text()
    {
        var files = Directory.GetFiles(_repo.Path_("output", "linux-64"), "pinned-1.0.0-*.conda");
        Assert.That(files, Has.Length.EqualTo(1));
        var info = CondaRecipes.Packaging.PackageArchiveReader.ReadInfoFiles(files[0]);
        var index = CondaRecipes.Packaging.PackageArchiveReader.ReadIndexJson(info, files[0]);
        var depends = index["depends"]!.AsArray().Select(d => (string)d!).ToList();
        var constrains = index["constrains"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.That(depends, Is.EqualTo(new[] { "libfoo >=1.2,<2", "libfoo >=1.4.0,<1.5.0a0" }));
        Assert.That(constrains, Has.Count.EqualTo(1).And.Some.StartsWith("libfoo 1.4.0 "));

        var recorded = System.Text.Encoding.UTF8.GetString(info["info/recipe/meta.yaml"]);
        Assert.That(recorded, Does.Not.Contain("pin_compatible"), recorded);
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(recorded));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        string[] List(string section, string key) =>
            ((YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root[section])[key])
                .Select(n => n.ToString()).ToArray();
        Assert.That(List("requirements", "run"), Is.EqualTo(depends));
        Assert.That(List("requirements", "run_constrained"), Is.EqualTo(constrains));
        Assert.That(List("test", "requires"), Is.EqualTo(new[] { "libfoo >=1,<2.0a0" }));
        Assert.That(List("test", "commands"), Is.EqualTo(new[] { "test -f $PREFIX/share/pinned/x" }), "the rest as rendered");
        var exports = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["build"])["run_exports"];
        Assert.That(((YamlDotNet.RepresentationModel.YamlSequenceNode)exports["strong"]).Select(n => n.ToString()),
            Is.EqualTo(new[] { "libfoo >=1.4.0,<2.0a0" }), "run_exports as the package exports them");
        Assert.That(root["package"]["name"].ToString(), Is.EqualTo("pinned"));
        Assert.That(List("requirements", "host"), Has.Length.EqualTo(1).And.Some.Match(@"^libfoo 1\.4\.0 \S+$"),
            "host as the environment resolved it: name version build");

        var template = System.Text.Encoding.UTF8.GetString(info["info/recipe/meta.yaml.template"]);
        Assert.That(template, Is.EqualTo(Pinned), "the author's text, untouched");
    }

    /// <summary>
    /// conda-build finalizes run_exports with the environments solved: pin_compatible in build/run_exports is
    /// the pin on the version in host (its test recipe _run_exports_in_outputs), pin_subpackage of the package
    /// itself the pin on its own version (_self_reference_run_exports: &gt;=1.0.0,&lt;2.0a0 for max_pin='x').
    /// </summary>
    [Test]
    public void Run_exports_json_holds_the_pins_computed_not_pending_markers()
    {
        var files = Directory.GetFiles(_repo.Path_("output", "linux-64"), "pinned-1.0.0-*.conda");
        Assert.That(files, Has.Length.EqualTo(1));
        var info = CondaRecipes.Packaging.PackageArchiveReader.ReadInfoFiles(files[0]);
        using var exports = JsonDocument.Parse(info["info/run_exports.json"]);
        Assert.That(exports.RootElement.GetProperty("strong").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "libfoo >=1.4.0,<2.0a0" }));
        Assert.That(exports.RootElement.GetProperty("weak").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "pinned >=1.0.0,<1.1.0a0" }));
    }

    [Test]
    public void A_cdt_no_channel_has_is_a_coded_error_and_pin_compatible_of_a_package_not_in_host_too_in_run_exports_as_well()
    {
        _repo.Write("r/needs-cdt/meta.yaml", """
            package:
              name: needs-cdt
              version: 1.0.0
            build:
              script: mkdir -p $PREFIX/share
            requirements:
              build:
                - {{ cdt('libx11-devel') }}
            """);
        _repo.Write("r/needs-cdt.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var cdt = _repo.Build("r/needs-cdt.proj");
        Assert.That(cdt.ExitCode, Is.Not.EqualTo(0));
        Assert.That(cdt.Output, Does.Match(@"needs-cdt/meta\.yaml\(8(,\d+)?\): error CR2145: .*'libx11-devel-cos6-x86_64'"));

        _repo.Write("r/pin-missing/meta.yaml", """
            package:
              name: pin-missing
              version: 1.0.0
            build:
              script: mkdir -p $PREFIX/share/pin-missing && touch $PREFIX/share/pin-missing/x
            requirements:
              host:
                - libfoo
              run:
                - {{ pin_compatible('libfoo', max_pin='x.x') }}
                - {{ pin_compatible('numpy') }}
            """);
        _repo.Write("r/pin-missing.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var pin = _repo.Build("r/pin-missing.proj");
        Assert.That(pin.ExitCode, Is.Not.EqualTo(0));
        Assert.That(pin.Output, Does.Match(@"pin-missing/meta\.yaml\(11(,\d+)?\): error CR2140: pin_compatible\('numpy'\): numpy is not in the host environment"));

        _repo.Write("r/export-missing/meta.yaml", """
            package:
              name: export-missing
              version: 1.0.0
            build:
              script: mkdir -p $PREFIX/share/export-missing && touch $PREFIX/share/export-missing/x
              run_exports:
                - {{ pin_compatible('libfoo') }}
                - {{ pin_compatible('numpy') }}
            requirements:
              host:
                - libfoo
              run:
                - {{ pin_compatible('libfoo') }}
            """);
        _repo.Write("r/export-missing.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        var export = _repo.Build("r/export-missing.proj");
        Assert.That(export.ExitCode, Is.Not.EqualTo(0));
        Assert.That(export.Output, Does.Match(@"export-missing/meta\.yaml\(8(,\d+)?\): error CR2140: pin_compatible\('numpy'\): numpy is not in the host environment"));
    }
}
