using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.ExternalCondaBuild.Patching;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>The text edits on small layouts the fixtures do not cover, and the refusals.</summary>
[TestFixture]
public class PostPyPatchTextTests
{
    private const string Version = "25.1.0";

    private static string Module(string function, string caller) => $$"""
        import os
        from os.path import relpath


        {{function}}


        {{caller}}
        """.ReplaceLineEndings("\n");

    private const string BlackWrappedFunction = """
        def mk_relative_linux(
            f, prefix, rpaths=("lib",), method=None
        ):
            new = []
            for old in existing:
                if old.startswith("/"):
                    rp = relpath(old, prefix)
                    if rp.startswith(".." + os.sep):
                        print(
                            f"Warning: rpath {old} is outside prefix {prefix} (removing it)"
                        )
                    else:
                        new.append(rp)
            return new
        """;

    private const string OneLineCaller = """
        def post_process_shared_lib(m, f, files, host_prefix=None):
            mk_relative_linux(f, host_prefix, rpaths=["lib"])
        """;

    [Test]
    public void WrappedPrintAndMultiLineSignature_ArePatched()
    {
        var text = Module(BlackWrappedFunction, OneLineCaller);

        var patched = PostPyPatch.Apply(text, Version, "post.py");

        Assert.That(PostPyPatch.MissingChanges(patched), Is.Empty);
        Assert.That(patched, Does.Contain("    f, prefix, rpaths=(\"lib\",), method=None,\n    host_runpath_whitelist=(),\n):"));
        Assert.That(patched, Does.Contain(
            "            if (rp.startswith(\"..\" + os.sep)) and _condarecipes_host_runpath_allowed(old, host_runpath_whitelist):\n"));
        Assert.That(patched, Does.Contain("            elif rp.startswith(\"..\" + os.sep):\n                print(\n"));
        Assert.That(patched, Does.Contain(
            "mk_relative_linux(f, host_prefix, rpaths=[\"lib\"], host_runpath_whitelist=m.get_value(\"build/host_runpath_whitelist\", []))"));
    }

    [Test]
    public void PatchedText_ParsesWithPython()
    {
        var file = Path.Combine(Path.GetTempPath(), $"post-{Guid.NewGuid():N}.py");
        try
        {
            File.WriteAllText(file, PostPyPatch.Apply(Module(BlackWrappedFunction, OneLineCaller), Version, "post.py"));
            var (exit, output) = TestFiles.Run(TestFiles.Python3, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", file);
            Assert.That(exit, Is.Zero, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void HelperGoesBeforeDecorators()
    {
        var text = Module("@some_decorator\n" + BlackWrappedFunction, OneLineCaller);
        var patched = PostPyPatch.Apply(text, Version, "post.py");
        Assert.That(patched.IndexOf(PostPyPatch.Marker, StringComparison.Ordinal),
            Is.LessThan(patched.IndexOf("@some_decorator", StringComparison.Ordinal)));
    }

    [Test]
    public void AlreadyPatchedByHand_IsRefused()
    {
        var handPatched = BlackWrappedFunction.Replace("method=None", "host_runpath_whitelist=[], method=None");
        AssertRefused(Module(handPatched, OneLineCaller), "already has a 'host_runpath_whitelist' parameter");
    }

    [Test]
    public void MissingCallSite_IsRefused() =>
        AssertRefused(Module(BlackWrappedFunction, "def unrelated(m):\n    pass\n"), "no call of mk_relative_linux");

    [Test]
    public void CallerWithoutMetadata_IsRefused() =>
        AssertRefused(Module(BlackWrappedFunction, "def relocate(files, prefix):\n    mk_relative_linux(files[0], prefix)\n"),
            "in relocate() has no recipe metadata parameter 'm'");

    [Test]
    public void MissingFunction_IsRefused() =>
        AssertRefused(Module("def mk_relative(f, prefix):\n    pass\n", OneLineCaller), "no top-level 'def mk_relative_linux('");

    [Test]
    public void RemovalBranchUnderElse_IsRefused()
    {
        var changed = BlackWrappedFunction.Replace("if rp.startswith(\"..\" + os.sep):", "if rp == \".\":\n                pass\n            else:");
        AssertRefused(Module(changed, OneLineCaller), "not under a one-line 'if <outside prefix>:'");
    }

    [Test]
    public void MarkerWithoutTheRest_IsRefusedByThePatcher()
    {
        var file = Path.Combine(Path.GetTempPath(), $"post-{Guid.NewGuid():N}.py");
        try
        {
            var text = PostPyPatch.Marker + "\n" + Module(BlackWrappedFunction, OneLineCaller);
            File.WriteAllText(file, text);
            var e = Assert.ThrowsAsync<CondaRecipesException>(() => PostPyPatcher.ApplyToFileAsync(file, Version, null));
            Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.PostPyShapeNotRecognised));
            Assert.That(e.Message, Does.Contain("carries the patch marker but lacks"));
            Assert.That(File.ReadAllText(file), Is.EqualTo(text));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertRefused(string text, string expected)
    {
        var e = Assert.Throws<CondaRecipesException>(() => PostPyPatch.Apply(text, Version, "/env/post.py"));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.PostPyShapeNotRecognised));
        Assert.That(e.Message, Does.Contain($"conda-build {Version}"));
        Assert.That(e.Message, Does.Contain(expected));
        Assert.That(e.File, Is.EqualTo("/env/post.py"));
    }
}
