using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>Real builds of the render rules: the render after the source stage, GIT_*, an empty host prefix,
/// symlinks made relative, prefix-file flags, and a skipped variant in Plan.</summary>
[Parallelizable(ParallelScope.All)]
public class RenderPipelineTests
{
    private static async Task<string> Git(string dir, params string[] args) =>
        (await Cli.Wrap("git").WithArguments(args).WithWorkingDirectory(dir)
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.org", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.org",
            }).ExecuteBufferedAsync()).StandardOutput.Trim();

    [Test]
    public async Task A_version_from_the_git_tag_and_the_build_script_rules()
    {
        using var repo = new TestRepo();
        var upstream = repo.Path_("upstream");
        repo.Write("upstream/config.in", "data\n");
        await Git(upstream, "init", "-q");
        await Git(upstream, "add", ".");
        await Git(upstream, "commit", "-qm", "first");
        await Git(upstream, "tag", "-a", "v3.4.5", "-m", "release");
        var full = await Git(upstream, "rev-parse", "HEAD");

        repo.Write("recipes/gitver/meta.yaml", """
            package:
              name: gitver
              version: {{ GIT_DESCRIBE_TAG | replace('v', '') }}
            source:
              git_url: ../../upstream
              git_rev: v3.4.5
            build:
              number: {{ GIT_DESCRIBE_NUMBER }}
              has_prefix_files:
                - etc/gitver.conf
            # {{ a_comment_jinja_never_renders( }}
            """);
        repo.Write("recipes/gitver/build.sh", """
            mkdir $PREFIX/bin $PREFIX/etc
            echo "$GIT_FULL_HASH $GIT_DESCRIBE_TAG" > $PREFIX/etc/gitver.txt
            echo "prefix=$PREFIX" > $PREFIX/etc/gitver.conf
            echo "prefix=$PREFIX" > $PREFIX/etc/other.conf
            printf '#!/bin/sh\necho hi\n' > $PREFIX/bin/tool && chmod +x $PREFIX/bin/tool
            ln -s $PREFIX/bin/tool $PREFIX/bin/tool-link

            """);
        repo.Write("recipes/gitver.proj", """<Project Sdk="CondaRecipes.Sdk"></Project>""");

        var r = repo.Build("recipes/gitver.proj");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Output);
        var archive = repo.Path_("output", "linux-64", "gitver-3.4.5-0.conda");
        Assert.That(File.Exists(archive), r.Output);

        var extracted = ChannelInspection.ExtractWithCph(archive);
        Assert.That(File.ReadAllText(Path.Combine(extracted, "etc", "gitver.txt")).Trim(), Is.EqualTo($"{full} v3.4.5"));
        Assert.That(new FileInfo(Path.Combine(extracted, "bin", "tool-link")).LinkTarget, Is.EqualTo("tool"));
        var hasPrefix = File.ReadAllText(Path.Combine(extracted, "info", "has_prefix"));
        Assert.That(hasPrefix, Does.Contain("etc/gitver.conf"));
        Assert.That(hasPrefix, Does.Not.Contain("etc/other.conf"), "has_prefix_files limits the text files rewritten");
    }

    [Test]
    public void Plan_lists_a_variant_skipped_by_a_selector_and_build_skips_it()
    {
        using var repo = new TestRepo();
        repo.Write("recipes/skipper/meta.yaml", """
            package:
              name: skipper
              version: 1.0
            build:
              skip: true  # [linux]
            """);
        repo.Write("recipes/skipper/build.sh", "exit 1\n");
        repo.Write("recipes/skipper.proj", """<Project Sdk="CondaRecipes.Sdk"></Project>""");

        var plan = repo.Build("recipes/skipper.proj", "-t:Plan");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Output);
        Assert.That(plan.Output, Does.Contain("[skipped: build/skip is true (meta.yaml:5 skip: true  # [linux])]"));
        Assert.That(plan.Output, Does.Not.Contain("[missing]"));

        var build = repo.Build("recipes/skipper.proj");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.Output);
        Assert.That(Directory.Exists(repo.Path_("output")) ? Directory.EnumerateFiles(repo.Path_("output"), "skipper-*", SearchOption.AllDirectories) : [], Is.Empty);
    }
}
