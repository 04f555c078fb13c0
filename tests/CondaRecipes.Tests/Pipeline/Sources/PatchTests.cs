using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Build.Sources;

public class PatchTests : SourceTestBase
{
    private const string FirstPatch = """
        --- a/hello.c
        +++ b/hello.c
        @@ -1,3 +1,3 @@
         #include <stdio.h>
        -int main(void) { puts("hello"); return 0; }
        +int main(void) { puts("hello, derecho"); return 0; }
         /* end */

        """;

    // Applies only on top of the first patch, so the order matters.
    private const string SecondPatchP0 = """
        --- hello.c
        +++ hello.c
        @@ -1,3 +1,3 @@
         #include <stdio.h>
        -int main(void) { puts("hello, derecho"); return 0; }
        +int main(void) { puts("hello, derecho!"); return 1; }
         /* end */

        """;

    private void WriteSource() =>
        MakeTree("recipe/src", ("hello.c", "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n/* end */\n"));

    private void WritePatch(string name, string text) => File.WriteAllText(Path.Combine(RecipeDir, name), text);

    [Test]
    public async Task Patches_apply_in_order_with_detected_strip_level()
    {
        WriteSource();
        WritePatch("0001-greeting.patch", FirstPatch);
        WritePatch("0002-exit.patch", SecondPatchP0);
        var work = WorkDir();
        await Prepare(work, Spec() with { Path = "src", Patches = ["0001-greeting.patch", "0002-exit.patch"] });

        var source = File.ReadAllText(Path.Combine(work, "hello.c"));
        Assert.That(source, Does.Contain("puts(\"hello, derecho!\"); return 1;"));
        Assert.That(Log, Has.Some.Contains("0002-exit.patch applied with -p0"));
        Assert.That(Directory.GetFiles(work, "*.orig"), Is.Empty);
    }

    [Test]
    public async Task Patches_apply_inside_their_sources_folder_after_every_source_is_placed()
    {
        WriteSource();
        WritePatch("greeting.patch", FirstPatch);
        var work = WorkDir();
        await Prepare(work, Spec() with { Path = "src", Folder = "hello", Patches = ["greeting.patch"] });
        Assert.That(File.ReadAllText(Path.Combine(work, "hello/hello.c")), Does.Contain("hello, derecho"));
    }

    [Test]
    public void Patch_that_does_not_apply_is_a_coded_error_with_patch_output()
    {
        WriteSource();
        WritePatch("0002-exit.patch", SecondPatchP0);
        var work = WorkDir();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(work, Spec(line: 3) with { Path = "src", Patches = ["0002-exit.patch"] }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.PatchFailed));
        Assert.That(e.Message, Does.Contain("0002-exit.patch").And.Contain("FAILED"));
        Assert.That((e.File, e.Line), Is.EqualTo((MetaYaml, 3)));
        Assert.That(Directory.Exists(work), Is.False);
    }

    [Test]
    public void Already_applied_patch_is_not_silently_reversed()
    {
        MakeTree("recipe/src", ("hello.c", "#include <stdio.h>\nint main(void) { puts(\"hello, derecho\"); return 0; }\n/* end */\n"));
        WritePatch("greeting.patch", FirstPatch);
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir(), Spec() with { Path = "src", Patches = ["greeting.patch"] }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.PatchFailed));
    }

    [Test]
    public void Missing_patch_is_a_coded_error()
    {
        WriteSource();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir(), Spec() with { Path = "src", Patches = ["missing.patch"] }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.PatchNotFound));
        Assert.That(e.Message, Does.Contain("missing.patch"));
    }

    [Test]
    public async Task Git_apply_is_used_when_patch_is_not_installed()
    {
        var dir = MakeTree("plain", ("hello.c", "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n/* end */\n"));
        WritePatch("greeting.patch", FirstPatch);
        var patchFile = Path.Combine(RecipeDir, "greeting.patch");
        await PatchApplier.ApplyAsync(Spec(), "greeting.patch", patchFile, dir, Log.Add, CancellationToken.None,
            patchProgram: "no-such-patch-program");
        Assert.That(File.ReadAllText(Path.Combine(dir, "hello.c")), Does.Contain("hello, derecho"));
        Assert.That(Log, Has.Some.Contains("using git apply"));
    }
}
