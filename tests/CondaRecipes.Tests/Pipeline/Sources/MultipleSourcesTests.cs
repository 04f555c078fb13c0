namespace CondaRecipes.Tests.Build.Sources;

public class MultipleSourcesTests : SourceTestBase
{
    [Test]
    public async Task Sources_with_folders_and_without_are_combined_in_recipe_order()
    {
        var tarball = await MakeTarball("demo-1.0.tar.xz", "-J");
        MakeTree("recipe/overlay", ("pkg/extra.py", "z = 3\n"), ("setup.py", "print('overlay wins')\n"));
        MakeTree("recipe/plugin", ("plugin.c", "int p;\n"));

        var work = WorkDir();
        await Prepare(work,
            Spec() with { Urls = [new Uri(tarball).AbsoluteUri], Sha256 = Sha256Of(tarball) },
            Spec() with { Path = "overlay" },
            Spec() with { Path = "plugin", Folder = "plugins/ofi" },
            Spec() with { Folder = "empty" });

        Assert.That(File.ReadAllText(Path.Combine(work, "pkg/__init__.py")), Is.EqualTo("x = 1\n"), "directories merge");
        Assert.That(File.ReadAllText(Path.Combine(work, "pkg/extra.py")), Is.EqualTo("z = 3\n"));
        Assert.That(File.ReadAllText(Path.Combine(work, "setup.py")), Is.EqualTo("print('overlay wins')\n"),
            "a later source replaces an earlier one's file");
        Assert.That(File.ReadAllText(Path.Combine(work, "plugins/ofi/plugin.c")), Is.EqualTo("int p;\n"));
        Assert.That(Directory.Exists(Path.Combine(work, "empty")), Is.True);
    }

    [Test]
    public async Task Archive_into_a_folder_is_hoisted_there()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        var work = WorkDir();
        await Prepare(work, Spec() with { Urls = [new Uri(tarball).AbsoluteUri], Sha256 = Sha256Of(tarball), Folder = "demo" });
        Assert.That(File.Exists(Path.Combine(work, "demo/setup.py")), Is.True);
    }
}
