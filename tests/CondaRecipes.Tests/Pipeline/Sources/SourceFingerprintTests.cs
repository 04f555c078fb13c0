using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Build.Sources;

public class SourceFingerprintTests : SourceTestBase
{
    private string Fingerprint(params RecipeSource[] sources) =>
        SourceFetcher.ComputeInputsFingerprint(sources, RecipeDir);

    [Test]
    public void Same_inputs_give_the_same_fingerprint()
    {
        MakeTree("recipe/src", ("a.c", "int a;\n"), ("sub/b.c", "int b;\n"));
        File.WriteAllText(Path.Combine(RecipeDir, "fix.patch"), "--- a/a.c\n+++ b/a.c\n");
        var spec = Spec() with { Path = "src", Patches = ["fix.patch"] };
        var first = Fingerprint(spec);
        Assert.That(first, Does.Match("^[0-9a-f]{64}$"));
        // Touching files without changing them keeps the sources up to date.
        File.SetLastWriteTimeUtc(Path.Combine(RecipeDir, "src/a.c"), DateTime.UtcNow.AddDays(-3));
        Assert.That(Fingerprint(spec), Is.EqualTo(first));
    }

    [Test]
    public void Changing_a_path_source_file_changes_the_fingerprint()
    {
        var src = MakeTree("recipe/src", ("a.c", "int a;\n"));
        var spec = Spec() with { Path = "src" };
        var before = Fingerprint(spec);
        File.WriteAllText(Path.Combine(src, "a.c"), "int a = 1;\n");
        var edited = Fingerprint(spec);
        File.WriteAllText(Path.Combine(src, "new.c"), "");
        var added = Fingerprint(spec);
        Assert.That(new[] { before, edited, added }, Is.Unique);
    }

    [Test]
    public void Git_metadata_of_a_path_source_is_ignored()
    {
        var src = MakeTree("recipe/src", ("a.c", "int a;\n"));
        var before = Fingerprint(Spec() with { Path = "src" });
        MakeTree("recipe/src/.git", ("HEAD", "ref: refs/heads/main\n"));
        Assert.That(Fingerprint(Spec() with { Path = "src" }), Is.EqualTo(before));
        Assert.That(Directory.Exists(Path.Combine(src, ".git")), Is.True);
    }

    [Test]
    public void Url_checksum_git_rev_folder_and_patch_content_all_count()
    {
        File.WriteAllText(Path.Combine(RecipeDir, "fix.patch"), "one");
        var url = Spec() with { Urls = ["https://example.org/a-1.0.tar.gz"], Sha256 = new string('a', 64) };
        var git = Spec() with { GitUrl = "https://example.org/a.git", GitRev = "v1.0" };
        var prints = new List<string>
        {
            Fingerprint(url),
            Fingerprint(url with { Urls = ["https://example.org/a-1.1.tar.gz"] }),
            Fingerprint(url with { Sha256 = new string('b', 64) }),
            Fingerprint(url with { Folder = "a" }),
            Fingerprint(git),
            Fingerprint(git with { GitRev = "v1.1" }),
            Fingerprint(git with { GitDepth = 1 }),
            Fingerprint(url, git),
            Fingerprint(git, url),
            Fingerprint(url with { Patches = ["fix.patch"] }),
        };
        File.WriteAllText(Path.Combine(RecipeDir, "fix.patch"), "two");
        prints.Add(Fingerprint(url with { Patches = ["fix.patch"] }));
        Assert.That(prints, Is.Unique);
    }

    [Test]
    public void Missing_path_source_is_the_same_coded_error_as_when_preparing()
    {
        var e = Assert.Throws<CondaRecipesException>(() => Fingerprint(Spec(line: 4) with { Path = "gone" }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.PathNotFound));
        Assert.That(e.Line, Is.EqualTo(4));
    }
}
