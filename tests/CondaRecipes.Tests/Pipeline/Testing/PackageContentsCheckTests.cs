using CondaRecipes.Pipeline.Testing;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Tests.Pipeline.Testing;

/// <summary>
/// package_contents entries expanded and matched as rattler-build does on linux-64 (the expected values are
/// the ones its content-test cases assert), against a package's own file list.
/// </summary>
public class PackageContentsCheckTests
{
    private static V1PathChecks Exists(params string[] e) => new() { Exists = e };

    [Test]
    public void Lib_names_match_with_or_without_the_lib_prefix_and_with_a_soname_suffix()
    {
        var paths = new[] { "lib/libtest.so", "lib/testb.so", "lib/testc.so.1.0.0" };
        var t = new V1PackageContentsTest { Lib = Exists("test", "testb", "testc") };
        Assert.That(PackageContentsCheck.Run(t, paths, noarchPython: false), Is.Empty);
        Assert.That(PackageContentsCheck.Run(t, ["lib/libtest.a", "lib/testb.so", "lib/testc.so.1"], false).Single(),
            Does.Contain("lib 'test'"));
        Assert.That(PackageContentsCheck.Run(new V1PackageContentsTest { Lib = Exists("libfoo.a") }, ["lib/libfoo.a"], false), Is.Empty);
    }

    [Test]
    public void Site_packages_take_module_paths_and_globs_and_noarch_python_uses_the_bare_folder()
    {
        var paths = new[]
        {
            "lib/python3.8/site-packages/numpy/__init__.py",
            "lib/python3.8/site-packages/numpy/blabla.py",
            "lib/python3.8/site-packages/numpy/superfunc/__init__.py",
        };
        var t = new V1PackageContentsTest { SitePackages = Exists("numpy", "numpy.superfunc", "numpy.blabla", "numpy/blabla*") };
        Assert.That(PackageContentsCheck.Run(t, paths, false), Is.Empty);
        Assert.That(PackageContentsCheck.Run(new V1PackageContentsTest { SitePackages = Exists("numpy.xfunc") }, paths, false), Has.Count.EqualTo(1));
        Assert.That(PackageContentsCheck.Run(new V1PackageContentsTest { SitePackages = Exists("numpy") }, ["site-packages/numpy/__init__.py"], true), Is.Empty);
        Assert.That(PackageContentsCheck.Run(new V1PackageContentsTest { SitePackages = Exists("numpy") }, ["site-packages/numpy/__init__.py"], false), Has.Count.EqualTo(1));
    }

    [Test]
    public void Files_globs_recurse_with_double_star_and_not_exists_fails_on_a_match()
    {
        var paths = new[] { "assets/music/track1.mp3", "assets/music/interpret/track2.mp3", "images/cover.jpg", "pkg-config/test.pc" };
        var t = new V1PackageContentsTest { Files = new V1PathChecks { Exists = ["assets/**/*.mp3", "images/cover.jpg", "pkg-config/*.pc"], NotExists = ["**/*.ogg"] } };
        Assert.That(PackageContentsCheck.Run(t, paths, false), Is.Empty);
        var issue = PackageContentsCheck.Run(t, [.. paths, "assets/music/track1.ogg"], false).Single();
        Assert.That(issue, Does.Contain("not_exists '**/*.ogg'").And.Contain("assets/music/track1.ogg"));
        // A name without wildcards is that path only, not a folder with everything beneath it.
        Assert.That(PackageContentsCheck.Run(new V1PackageContentsTest { Files = Exists("images") }, paths, false), Has.Count.EqualTo(1));
    }

    [Test]
    public void Include_and_bin_are_prefixed_and_strict_reports_every_unmatched_file()
    {
        var paths = new[] { "include/foo.h", "bin/foo", "share/doc/README" };
        var t = new V1PackageContentsTest { Include = Exists("foo.h"), Bin = Exists("foo") };
        Assert.That(PackageContentsCheck.Run(t, paths, false), Is.Empty);
        var strict = PackageContentsCheck.Run(t with { Strict = true }, paths, false).Single();
        Assert.That(strict, Is.EqualTo("strict: 1 file(s) matched by no entry: share/doc/README"));
        Assert.That(PackageContentsCheck.Run(t with { Strict = true, Files = Exists("share/**") }, paths, false), Is.Empty);
        Assert.That(PackageContentsCheck.Run(new V1PackageContentsTest { Bin = Exists("foo") }, ["lib/foo", "foo"], false), Has.Count.EqualTo(1));
    }

    [TestCase("lib/{,lib}foo.so", "lib/foo.so", true)]
    [TestCase("lib/{,lib}foo.so", "lib/libfoo.so", true)]
    [TestCase("lib/{,lib}foo.so", "lib/libbar.so", false)]
    [TestCase("share/*.txt", "share/a/b.txt", true)]
    [TestCase("**/x.h", "x.h", true)]
    [TestCase("a/**/b", "a/b", true)]
    [TestCase("a/**/b", "a/x/y/b", true)]
    [TestCase("lib/[!x]oo", "lib/foo", true)]
    [TestCase("lib/[!x]oo", "lib/xoo", false)]
    [TestCase("lib/lib?.so", "lib/libz.so", true)]
    [TestCase("lib.so", "libxso", false)]
    public void Globs_match_whole_paths_as_globset_does(string pattern, string path, bool matches) =>
        Assert.That(new ContentGlob(pattern).IsMatch(path), Is.EqualTo(matches));
}
