using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Build.Sources;

public class PathSourceTests : SourceTestBase
{
    [Test]
    public async Task Path_source_is_copied_without_git_and_with_symlinks_kept()
    {
        var project = MakeTree("recipe/src", ("setup.py", "print(1)\n"), ("pkg/mod.py", "y = 2\n"),
            (".git/HEAD", "ref: refs/heads/main\n"));
        File.CreateSymbolicLink(Path.Combine(project, "pkg/alias.py"), "mod.py");
        var old = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(project, "setup.py"), old);

        var work = WorkDir();
        await Prepare(work, Spec() with { Path = "src" });

        Assert.That(File.ReadAllText(Path.Combine(work, "setup.py")), Is.EqualTo("print(1)\n"));
        Assert.That(File.ReadAllText(Path.Combine(work, "pkg/mod.py")), Is.EqualTo("y = 2\n"));
        Assert.That(Directory.Exists(Path.Combine(work, ".git")), Is.False);
        Assert.That(new FileInfo(Path.Combine(work, "pkg/alias.py")).LinkTarget, Is.EqualTo("mod.py"));
        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(work, "setup.py")), Is.EqualTo(old));
    }

    [Test]
    public async Task Path_source_goes_into_its_folder()
    {
        MakeTree("recipe/extra", ("data.txt", "d\n"));
        var work = WorkDir();
        await Prepare(work, Spec() with { Path = "extra", Folder = "third_party/extra" });
        Assert.That(File.ReadAllText(Path.Combine(work, "third_party/extra/data.txt")), Is.EqualTo("d\n"));
    }

    [Test]
    public void Missing_path_is_a_coded_error_naming_meta_yaml_and_line()
    {
        var work = WorkDir();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() => Prepare(work, Spec(line: 12) with { Path = "nope" }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.PathNotFound));
        Assert.That(e.File, Is.EqualTo(MetaYaml));
        Assert.That(e.Line, Is.EqualTo(12));
        Assert.That(e.Message, Does.Contain("nope"));
        Assert.That(Directory.Exists(work), Is.False, "no half-made work directory is left");
        Assert.That(Directory.GetDirectories(Root, "work.partial-*"), Is.Empty);
    }

    [Test]
    public void Folder_outside_the_work_directory_is_rejected()
    {
        MakeTree("recipe/src", ("a", "a"));
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir(), Spec() with { Path = "src", Folder = "../escape" }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.InvalidFolder));
    }

    [Test]
    public void Non_empty_work_directory_is_refused()
    {
        MakeTree("recipe/src", ("a", "a"));
        var work = MakeTree("work", ("leftover.txt", "x"));
        var e = Assert.ThrowsAsync<CondaRecipesException>(() => Prepare(work, Spec() with { Path = "src" }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.WorkDirNotEmpty));
        Assert.That(File.Exists(Path.Combine(work, "leftover.txt")), Is.True);
    }

    [Test]
    public void Entry_with_both_path_and_url_is_rejected()
    {
        MakeTree("recipe/src", ("a", "a"));
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir(), Spec() with { Path = "src", Urls = ["file:///nonexistent.tar.gz"] }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.AmbiguousSource));
    }
}
