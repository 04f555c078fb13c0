using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;
using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Install;
using CondaRecipes.Tests.Packaging;

namespace CondaRecipes.Tests.Pipeline.PackageKinds;

/// <summary>
/// A pure-Python package as pip leaves it in a Python 3.12 host prefix, put into conda's noarch: python
/// layout, archived, read back with cph, and installed by the engine's linker into venvs of two other
/// Pythons, where its console script runs.
/// </summary>
public class NoarchPythonTests
{
    private string _root = null!;
    private string _prefix = null!;

    [SetUp]
    public void CreateTree()
    {
        _root = Directory.CreateTempSubdirectory("cr-noarch-").FullName;
        _prefix = PrefixPlaceholder.Create(Path.Combine(_root, "h_1700000000"));
        var staging = Path.Combine(_root, "staging");
        void Write(string rel, string text)
        {
            var full = Path.Combine(staging, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            File.SetUnixFileMode(full, (UnixFileMode)0b111_101_101);
        }
        var sp = "lib/python3.12/site-packages";
        Write($"{sp}/hello_kind/__init__.py", "def main():\n    import sys\n    print('hello from', sys.version_info[:2])\n    return 0\n");
        Write($"{sp}/hello_kind/cli.py", "from hello_kind import main\n");
        Write($"{sp}/hello_kind-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: hello-kind\nVersion: 1.0\n");
        Write($"{sp}/legacy.egg-info", "Metadata-Version: 1.0\n");
        // pip's script for the entry point, and a plain script shortened by the collect step's shebang rule.
        Write("bin/hello-kind", $"#!{_prefix}/bin/python3.12\nimport sys\nfrom hello_kind import main\nsys.exit(main())\n");
        Write("bin/helper.py", "#!/usr/bin/env python3.12\nprint('helper ran')\n");
        Write("share/hello-kind/data.txt", "data\n");
        Directory.CreateDirectory(Path.Combine(staging, "share", "hello-kind", "empty"));
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    private string Staging => Path.Combine(_root, "staging");
    private static readonly PythonEntryPoint[] EntryPoints = [PythonEntryPoint.Parse("hello-kind = hello_kind:main")];

    private static IEnumerable<string> Tree(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Where(p => File.Exists(p) || !Directory.EnumerateFileSystemEntries(p).Any())
            .Select(p => Path.GetRelativePath(dir, p)).Order(StringComparer.Ordinal);

    [Test]
    public void The_layout_moves_site_packages_and_scripts_and_drops_entry_point_scripts()
    {
        NoarchPythonLayout.Apply(Staging, EntryPoints, _prefix, recipeFile: null);

        Assert.That(Tree(Staging), Is.EqualTo(new[]
        {
            "python-scripts/helper.py",
            "share/hello-kind/data.txt",
            "share/hello-kind/empty",
            "site-packages/hello_kind-1.0.dist-info/METADATA",
            "site-packages/hello_kind/__init__.py",
            "site-packages/hello_kind/cli.py",
        }));
        var helper = Path.Combine(Staging, "python-scripts", "helper.py");
        Assert.That(File.ReadAllText(helper), Is.EqualTo($"#!{_prefix}/bin/python\nprint('helper ran')\n"),
            "a Python shebang names the prefix's version-free python, relocated at install");
        Assert.That(File.GetUnixFileMode(helper), Is.EqualTo((UnixFileMode)0b111_101_101));
    }

    [Test]
    public void A_binary_in_bin_is_an_error()
    {
        File.WriteAllBytes(Path.Combine(Staging, "bin", "tool"), [0x7f, (byte)'E', (byte)'L', (byte)'F', 0, 0, 0xff]);
        var e = Assert.Throws<CondaRecipesException>(() => NoarchPythonLayout.Apply(Staging, EntryPoints, _prefix, "meta.yaml"));
        Assert.That(e!.Code, Is.EqualTo(PackagingErrorCodes.NoarchBinaryScript));
        Assert.That(e.Message, Does.Contain("bin/tool"));
    }

    [Test]
    public void Link_json_is_written_for_noarch_packages_only()
    {
        JsonNode? LinkOf(string? noarch, string[] entryPoints)
        {
            var tree = Path.Combine(_root, "pkg-" + (noarch ?? "none"));
            Directory.CreateDirectory(tree);
            InfoWriter.Write(tree, PackageFixture.Metadata() with { Noarch = noarch, EntryPoints = entryPoints }, prefix: null);
            var link = Path.Combine(tree, "info", "link.json");
            return File.Exists(link) ? JsonNode.Parse(File.ReadAllText(link)) : null;
        }
        Assert.That(LinkOf(null, ["hello-kind = hello_kind:main"]), Is.Null, "an ordinary package's entry points are files in bin/");
        Assert.That(LinkOf("generic", [])!.ToJsonString(), Is.EqualTo("""{"noarch":{"type":"generic"},"package_metadata_version":1}"""));
        Assert.That(LinkOf("python", ["hello-kind = hello_kind:main"])!.ToJsonString(),
            Is.EqualTo("""{"noarch":{"entry_points":["hello-kind = hello_kind:main"],"type":"python"},"package_metadata_version":1}"""));
        var e = Assert.Throws<CondaRecipesException>(() => LinkOf("pure", []));
        Assert.That(e!.Code, Is.EqualTo(PackagingErrorCodes.InvalidNoarch));
    }

    [TestCase("true", "generic", "noarch")]
    [TestCase("false", null, "linux-64")]
    [TestCase("python", "python", "noarch")]
    public void Noarch_booleans_read_as_conda_build_reads_them(string value, string? noarch, string subdir)
    {
        using var dir = new CondaRecipes.Tests.Recipes.RecipeDirectory($$"""
            package: {name: kinds, version: "1.0"}
            build: {noarch: {{value}}}
            """);
        var rendered = CondaRecipes.Recipes.RecipeRenderer.Render(dir.Path, new CondaRecipes.Recipes.RenderContext());
        Assert.That(rendered.Recipe.Build.Noarch, Is.EqualTo(noarch));
        Assert.That(rendered.Subdir, Is.EqualTo(subdir));
    }

    [TestCase("hello = pkg.cli:main", "hello", "pkg.cli", "main")]
    [TestCase("  my-tool.x=pkg:group.run  ", "my-tool.x", "pkg", "group.run")]
    public void Entry_points_parse_as_conda_build_reads_them(string definition, string command, string module, string function) =>
        Assert.That(PythonEntryPoint.Parse(definition), Is.EqualTo(new PythonEntryPoint(command, module, function)));

    [TestCase("hello")]
    [TestCase("hello = pkg")]
    [TestCase("../x = pkg:main")]
    [TestCase(".hidden = pkg:main")]
    public void Malformed_entry_points_are_an_error(string definition)
    {
        var e = Assert.Throws<CondaRecipesException>(() => PythonEntryPoint.Parse(definition, "meta.yaml"));
        Assert.That(e!.Code, Is.EqualTo(PackagingErrorCodes.InvalidEntryPoint));
    }

    [Test]
    public async Task The_package_installs_and_runs_for_two_Pythons([Values("3.10", "3.13")] string python)
    {
        NoarchPythonLayout.Apply(Staging, EntryPoints, _prefix, recipeFile: null);
        InfoWriter.Write(Staging, PackageFixture.Metadata("hello-kind") with { Noarch = "python", EntryPoints = ["hello-kind = hello_kind:main"] }, _prefix);
        var archive = Path.Combine(_root, "hello-kind-1.2.3-derecho_py312_1000.conda");
        CondaArchiveWriter.Write(Staging, archive);
        var extracted = Path.Combine(_root, "extracted");
        var cph = await Cli.Wrap("cph").WithArguments(["x", archive, "--dest", extracted])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(cph.ExitCode, Is.EqualTo(0), cph.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(extracted, "info", "files")).Split('\n'),
            Does.Contain("site-packages/hello_kind/__init__.py").And.Contain("python-scripts/helper.py").And.No.Contain("bin/hello-kind"));

        var interpreter = Locate(python);
        var prefix = Path.Combine(_root, "env");
        await Cli.Wrap(interpreter).WithArguments(["-m", "venv", "--without-pip", prefix]).ExecuteBufferedAsync();
        var installed = PrefixLinker.Link(extracted, prefix);

        var sp = $"lib/python{python}/site-packages";
        var pyc = $"{sp}/hello_kind/__pycache__/__init__.cpython-{python.Replace(".", "")}.pyc";
        Assert.That(installed, Does.Contain($"{sp}/hello_kind/__init__.py").And.Contain("bin/helper.py").And.Contain("bin/hello-kind").And.Contain(pyc));
        Assert.That(File.Exists(Path.Combine(prefix, pyc)), "compiled with the prefix's Python, as conda does");
        Assert.That(Directory.Exists(Path.Combine(prefix, "site-packages")), Is.False);

        var script = File.ReadAllText(Path.Combine(prefix, "bin", "hello-kind"));
        Assert.That(script, Does.StartWith($"#!{prefix}/bin/python{python}\n# -*- coding: utf-8 -*-\n"));
        var run = await Cli.Wrap(Path.Combine(prefix, "bin", "hello-kind")).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(run.ExitCode, Is.EqualTo(0), run.StandardError);
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo($"hello from ({python.Replace(".", ", ")})"));
        var helper = await Cli.Wrap(Path.Combine(prefix, "bin", "helper.py")).ExecuteBufferedAsync();
        Assert.That(helper.StandardOutput.Trim(), Is.EqualTo("helper ran"));
        Assert.That(File.ReadAllText(Path.Combine(prefix, "bin", "helper.py")), Does.StartWith($"#!{prefix}/bin/python\n"));
    }

    [Test]
    public async Task In_a_prefix_too_long_for_a_shebang_the_scripts_run_as_conda_writes_them()
    {
        NoarchPythonLayout.Apply(Staging, EntryPoints, _prefix, recipeFile: null);
        InfoWriter.Write(Staging, PackageFixture.Metadata("hello-kind") with { Noarch = "python", EntryPoints = ["hello-kind = hello_kind:main"] }, _prefix);
        var prefix = Path.Combine(_root, new string('p', 140), "env");
        await Cli.Wrap(Locate("3.12")).WithArguments(["-m", "venv", "--without-pip", prefix]).ExecuteBufferedAsync();
        PrefixLinker.Link(Staging, prefix);

        var entry = Path.Combine(prefix, "bin", "hello-kind");
        Assert.That(File.ReadAllText(entry), Does.StartWith($"#!/bin/sh\n'''exec' \"{prefix}/bin/python3.12\" \"$0\" \"$@\" #'''\n"));
        var run = await Cli.Wrap(entry).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("hello from (3, 12)"), run.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(prefix, "bin", "helper.py")), Does.StartWith("#!/usr/bin/env python\n"),
            "conda's install-time rewrite of a shebang longer than the kernel reads");
    }

    [Test]
    public void Installing_into_a_prefix_without_Python_is_an_error()
    {
        NoarchPythonLayout.Apply(Staging, EntryPoints, _prefix, recipeFile: null);
        InfoWriter.Write(Staging, PackageFixture.Metadata("hello-kind") with { Noarch = "python" }, _prefix);
        var e = Assert.Throws<CondaRecipesException>(() => PrefixLinker.Link(Staging, Path.Combine(_root, "empty-env")));
        Assert.That(e!.Code, Is.EqualTo(CondaRecipes.Pipeline.BuildErrorCodes.NoPythonForNoarch));
    }

    private static string Locate(string majorMinor)
    {
        try
        {
            return new PythonLocator([], null, Environment.GetEnvironmentVariable("HOME"), "/usr/bin:/bin").Find(majorMinor).Executable;
        }
        catch (CondaRecipesException)
        {
            Assert.Ignore($"no Python {majorMinor} on this machine");
            throw;
        }
    }
}
