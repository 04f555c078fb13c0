using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Build.Sources;

public class GitSourceTests : SourceTestBase
{
    private string _repo = null!;
    private string _v1Commit = null!;

    /// <summary>A real repository: v1.0 tagged, then a second commit on main, and a branch "feature".</summary>
    [SetUp]
    public async Task CreateRepository()
    {
        _repo = Directory.CreateDirectory(Path.Combine(Root, "upstream")).FullName;
        await Run(_repo, "git", "init", "--quiet", "-b", "main");
        File.WriteAllText(Path.Combine(_repo, "version.txt"), "1.0\n");
        await Commit("release 1.0");
        await Run(_repo, "git", "tag", "v1.0");
        _v1Commit = (await Run(_repo, "git", "rev-parse", "HEAD")).Trim();
        File.WriteAllText(Path.Combine(_repo, "version.txt"), "2.0-dev\n");
        await Commit("start 2.0");
        await Run(_repo, "git", "branch", "feature", "v1.0");
    }

    private async Task Commit(string message)
    {
        await Run(_repo, "git", "add", "-A");
        await Run(_repo, "git", "commit", "--quiet", "-m", message);
    }

    private string Version(string work) => File.ReadAllText(Path.Combine(work, "version.txt"));

    [TestCase("v1.0", "1.0\n")]
    [TestCase("main", "2.0-dev\n")]
    [TestCase("feature", "1.0\n")]
    [TestCase(null, "2.0-dev\n")]
    public async Task Checks_out_a_tag_branch_or_default_head(string? rev, string expected)
    {
        var work = WorkDir();
        await Prepare(work, Spec() with { GitUrl = _repo, GitRev = rev });
        Assert.That(Version(work), Is.EqualTo(expected));
        // The checkout keeps its history and tags for version tools such as setuptools_scm.
        Assert.That((await Run(work, "git", "describe", "--tags", "--always", "v1.0")).Trim(), Is.EqualTo("v1.0"));
        Assert.That((await Run(work, "git", "remote", "get-url", "origin")).Trim(), Is.EqualTo(_repo));
    }

    [Test]
    public async Task Checks_out_a_commit_sha_from_a_file_url_into_a_folder()
    {
        var work = WorkDir();
        await Prepare(work, Spec() with { GitUrl = new Uri(_repo).AbsoluteUri, GitRev = _v1Commit, Folder = "src" });
        Assert.That(Version(Path.Combine(work, "src")), Is.EqualTo("1.0\n"));
        Assert.That((await Run(Path.Combine(work, "src"), "git", "rev-parse", "HEAD")).Trim(), Is.EqualTo(_v1Commit));
    }

    [Test]
    public async Task Relative_git_url_is_relative_to_the_recipe()
    {
        var work = WorkDir();
        await Prepare(work, Spec() with { GitUrl = "../upstream", GitRev = "v1.0" });
        Assert.That(Version(work), Is.EqualTo("1.0\n"));
    }

    [Test]
    public async Task Mirror_is_reused_and_fetched_only_when_the_rev_is_missing()
    {
        await Prepare(WorkDir("a"), Spec() with { GitUrl = _repo, GitRev = "v1.0" });
        Log.Clear();
        await Prepare(WorkDir("b"), Spec() with { GitUrl = _repo, GitRev = "v1.0" });
        Assert.That(Log, Has.None.Contains("fetching").And.None.Contains("cloning"));

        File.WriteAllText(Path.Combine(_repo, "version.txt"), "2.0\n");
        await Commit("release 2.0");
        await Run(_repo, "git", "tag", "v2.0");
        Log.Clear();
        await Prepare(WorkDir("c"), Spec() with { GitUrl = _repo, GitRev = "v2.0" });
        Assert.That(Log, Has.Some.Contains("fetching"));
        Assert.That(Version(WorkDir("c")), Is.EqualTo("2.0\n"));
        Assert.That(Directory.GetDirectories(Path.Combine(CacheDir, "git")), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Git_depth_makes_a_shallow_mirror()
    {
        var work = WorkDir();
        await Prepare(work, Spec() with { GitUrl = new Uri(_repo).AbsoluteUri, GitRev = "main", GitDepth = 1 });
        Assert.That(Version(work), Is.EqualTo("2.0-dev\n"));
        var mirror = Directory.GetDirectories(Path.Combine(CacheDir, "git")).Single();
        Assert.That((await Run(mirror, "git", "rev-parse", "--is-shallow-repository")).Trim(), Is.EqualTo("true"));
        Assert.That((await Run(mirror, "git", "rev-list", "--count", "main")).Trim(), Is.EqualTo("1"));
    }

    [Test]
    public void Unknown_rev_is_a_coded_error()
    {
        var work = WorkDir();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(work, Spec(line: 7) with { GitUrl = _repo, GitRev = "v9.9" }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.GitRevNotFound));
        Assert.That(e.Message, Does.Contain("v9.9").And.Contain(_repo));
        Assert.That((e.File, e.Line), Is.EqualTo((MetaYaml, 7)));
        Assert.That(Directory.Exists(work), Is.False);
    }

    [Test]
    public void Unreachable_repository_is_a_coded_error_with_gits_message()
    {
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir(), Spec() with { GitUrl = Path.Combine(Root, "no-such-repo"), GitRev = "v1.0" }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.GitFailed));
        Assert.That(e.Message, Does.Contain("no-such-repo"));
        Assert.That(Directory.Exists(Path.Combine(CacheDir, "git")) ? Directory.GetDirectories(Path.Combine(CacheDir, "git")) : [],
            Is.Empty, "a failed clone leaves no mirror behind");
    }
}
