using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// A build changes nothing outside its work folder and prefixes: `pip install .` in a build script lands in
/// $PREFIX (checked in the archive with cph), and the interpreter it was built with — its whole pyenv
/// installation, file by file — and ~/.local are byte-for-byte unchanged.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class BuildIsolationTests
{
    /// <summary>The installation folder of the pyenv Python the engine picks for <paramref name="majorMinor"/>.</summary>
    private static string PyenvVersion(string majorMinor)
    {
        var python = Environments.PythonBuildToolsTests.Pyenv(majorMinor);
        return Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
    }

    /// <summary>Every file, link and folder under <paramref name="root"/> with its content hash or link target.</summary>
    private static SortedDictionary<string, string> Snapshot(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return result;
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions
                     { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            var rel = Path.GetRelativePath(root, entry.FullName);
            result[rel] = entry.LinkTarget is { } target ? "link " + target
                : entry is DirectoryInfo ? "dir"
                : ChannelInspection.Sha256(entry.FullName);
        }
        return result;
    }

    private static void AssertUnchanged(SortedDictionary<string, string> before, SortedDictionary<string, string> after, string what)
    {
        var changed = before.Keys.Union(after.Keys)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k) ?? "(absent)"} -> {after.GetValueOrDefault(k) ?? "(absent)"}")
            .ToList();
        Assert.That(changed, Is.Empty, $"{what} changed");
    }

    private static void Recipe(TestRepo repo, string python, string host, string buildSh, string test = "")
    {
        repo.Write("recipes/isolated/meta.yaml", $"""
            package:
              name: isolated-demo
              version: 0.2.0
            source:
              path: src
            build:
              number: 0
            requirements:
              host:
            {host}
            {test}
            """);
        repo.Write("recipes/isolated/src/setup.py", """
            from setuptools import setup
            setup(name="isolated-demo", version="0.2.0", packages=["isolated_demo"])
            """);
        repo.Write("recipes/isolated/src/isolated_demo/__init__.py", "ANSWER = 42\n");
        repo.Write("recipes/isolated/build.sh", buildSh);
        repo.Write("recipes/isolated.proj", $"""
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><CondaPython Include="{python}" /></ItemGroup>
            </Project>
            """);
    }

    [Test]
    public void Pip_install_in_a_build_script_lands_in_PREFIX_and_leaves_the_interpreter_and_user_site_unchanged()
    {
        var interpreter = PyenvVersion("3.11");
        var userSite = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local");
        using var repo = new TestRepo();
        Recipe(repo, "3.11", "    - python\n    - pip\n    - setuptools\n    - wheel",
            // The bare `pip` must be the prefix's; `python -m pip` the variant's; a --user install stays in the work folder.
            "test \"$(command -v pip)\" = \"$PREFIX/bin/pip\"\n" +
            "test \"$(command -v python)\" = \"$PREFIX/bin/python\"\n" +
            "pip install . --no-deps\n" +
            "python -m pip install --user --no-deps --force-reinstall . || true\n",
            // The test prefix gets its own pip too, and sees the package installed from the archive.
            """
            test:
              requires:
                - pip
              commands:
                - test "$(command -v pip)" = "$PREFIX/bin/pip"
                - python -c "import isolated_demo; assert isolated_demo.ANSWER == 42"
                - pip show isolated-demo
            """);
        var interpreterBefore = Snapshot(interpreter);
        var userBefore = Snapshot(userSite);

        var r = repo.Build("recipes/isolated.proj");

        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(File.ReadAllText(repo.Path_("logs", "isolated", "py3.11.test.log")), Does.Contain("Name: isolated-demo"),
            "the recipe's tests ran, with the test prefix's own pip");
        var archive = Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "isolated-demo-0.2.0-*.conda").Single();
        var extracted = ChannelInspection.ExtractWithCph(archive);
        Assert.That(File.ReadAllText(Path.Combine(extracted, "lib", "python3.11", "site-packages", "isolated_demo", "__init__.py")),
            Is.EqualTo("ANSWER = 42\n"));
        Assert.That(Directory.EnumerateDirectories(Path.Combine(extracted, "lib", "python3.11", "site-packages"), "isolated_demo-0.2.0*.dist-info"),
            Is.Not.Empty);
        Assert.That(File.Exists(Path.Combine(extracted, "bin", "pip")), Is.False, "the prefix's own pip is not packaged");
        Assert.That(Directory.EnumerateFileSystemEntries(extracted, "pip*", SearchOption.AllDirectories), Is.Empty);

        AssertUnchanged(interpreterBefore, Snapshot(interpreter), interpreter);
        AssertUnchanged(userBefore, Snapshot(userSite), userSite);
    }

    [Test]
    public void A_setuptools_that_cannot_work_with_the_interpreter_is_refused_with_CR2160()
    {
        PyenvVersion("3.12"); // ships no setuptools; Debian's wheel is patched for Debian's own Python
        if (!Directory.EnumerateFiles("/usr/share/python-wheels", "setuptools-*.whl").Any())
            Assert.Ignore("no Debian setuptools wheel here (python3-setuptools-whl)");
        using var repo = new TestRepo();
        Recipe(repo, "3.12", "    - python\n    - setuptools", "pip install . --no-deps\n");

        var r = repo.Build("recipes/isolated.proj");

        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Output, Does.Contain("error CR2160"));
        Assert.That(r.Output, Does.Contain("/usr/share/python-wheels/setuptools-"), "names the rejected wheel");
        Assert.That(r.Output, Does.Contain("CondaWheelDirectory"), "says how to provide one");
        Assert.That(Directory.Exists(repo.Path_("output", "linux-64")) &&
                    Directory.EnumerateFiles(repo.Path_("output", "linux-64"), "*.conda").Any(), Is.False);
    }
}
