using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Pipeline.Sources;
using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Tests.Build.Sources;

/// <summary>Patch strip levels, GIT_* of a checkout and symlinks made relative, each on a real tree.</summary>
public class RenderSupportTests
{
    private string _root = "";

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "condarecipes-tests", "rs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void TearDown()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Test]
    public void Strip_level_guess_goes_as_deep_as_the_file_names_and_puts_the_best_first()
    {
        Directory.CreateDirectory(Path.Combine(_root, "src", "lib"));
        File.WriteAllText(Path.Combine(_root, "src", "lib", "x.c"), "");
        var patch = Path.Combine(_root, "deep.patch");
        File.WriteAllText(patch, "--- build/tmp/pkg-1.0/src/lib/x.c\t2020\n+++ build/tmp/pkg-1.0/src/lib/x.c\n@@ -0,0 +1 @@\n+x\n");
        var levels = PatchApplier.StripLevelsFor(patch, _root);
        Assert.That(levels[0], Is.EqualTo(3), "build/tmp/pkg-1.0/ stripped leaves src/lib/x.c, which exists");
        Assert.That(levels, Is.EquivalentTo(new[] { 0, 1, 2, 3, 4, 5 }));
    }

    [Test]
    public async Task Git_describe_variables_of_a_tagged_checkout()
    {
        async Task<string> Git(params string[] args) => (await Cli.Wrap("git").WithArguments(args).WithWorkingDirectory(_root)
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.org", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.org",
            }).ExecuteBufferedAsync()).StandardOutput.Trim();
        await Git("init", "-q");
        File.WriteAllText(Path.Combine(_root, "a"), "1");
        await Git("add", "a");
        await Git("commit", "-qm", "one");
        await Git("tag", "-a", "v1.2.0", "-m", "release");
        File.WriteAllText(Path.Combine(_root, "a"), "2");
        await Git("commit", "-qam", "two");
        var full = await Git("rev-parse", "HEAD");

        var vars = await GitDescribe.ReadAsync(_root, CancellationToken.None);
        Assert.That(vars["GIT_DESCRIBE_TAG"], Is.EqualTo("v1.2.0"));
        Assert.That(vars["GIT_DESCRIBE_NUMBER"], Is.EqualTo("1"));
        Assert.That(vars["GIT_FULL_HASH"], Is.EqualTo(full));
        Assert.That(full, Does.StartWith(vars["GIT_DESCRIBE_HASH"][1..]));
        Assert.That(vars["GIT_BUILD_STR"], Is.EqualTo("1_" + vars["GIT_DESCRIBE_HASH"]));
        Assert.That(vars["GIT_DESCRIBE_TAG_PEP440"], Is.EqualTo($"1.2.0.post1+{vars["GIT_DESCRIBE_HASH"][1..]}"), "conda-build drops the g of the short hash");
    }

    [Test]
    public void Pep440_of_a_describe_at_the_tag_is_the_version()
    {
        Assert.That(GitDescribe.Pep440("v2.0-0-gabcdef1"), Is.EqualTo("2.0"));
        Assert.That(GitDescribe.Pep440("not a describe"), Is.EqualTo("None"));
    }

    [Test]
    public async Task A_folder_without_git_has_no_git_variables()
    {
        Assert.That(await GitDescribe.ReadAsync(_root, CancellationToken.None), Is.Empty);
    }

    [Test]
    public void Absolute_symlinks_into_the_prefix_become_relative_and_others_stay()
    {
        var prefix = Path.Combine(_root, "prefix");
        Directory.CreateDirectory(Path.Combine(prefix, "lib"));
        Directory.CreateDirectory(Path.Combine(prefix, "bin"));
        File.WriteAllText(Path.Combine(prefix, "lib", "libz.so.1"), "elf");
        File.CreateSymbolicLink(Path.Combine(prefix, "lib", "libz.so"), Path.Combine(prefix, "lib", "libz.so.1"));
        File.CreateSymbolicLink(Path.Combine(prefix, "bin", "tool"), Path.Combine(prefix, "lib", "libz.so.1"));
        File.CreateSymbolicLink(Path.Combine(prefix, "bin", "sh"), "/bin/sh");
        File.CreateSymbolicLink(Path.Combine(prefix, "lib", "rel.so"), "./libz.so.1");

        var changed = SymlinkFixer.MakeRelative(prefix, ["lib/libz.so", "bin/tool", "bin/sh", "lib/rel.so", "lib/libz.so.1"]);
        Assert.That(changed, Is.EquivalentTo(new[] { "lib/libz.so", "bin/tool" }));
        Assert.That(new FileInfo(Path.Combine(prefix, "lib", "libz.so")).LinkTarget, Is.EqualTo("libz.so.1"));
        Assert.That(new FileInfo(Path.Combine(prefix, "bin", "tool")).LinkTarget, Is.EqualTo("../lib/libz.so.1"));
        Assert.That(new FileInfo(Path.Combine(prefix, "bin", "sh")).LinkTarget, Is.EqualTo("/bin/sh"));
        Assert.That(File.ReadAllText(Path.Combine(prefix, "bin", "tool")), Is.EqualTo("elf"));
    }
}
