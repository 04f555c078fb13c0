using System.Diagnostics;
using CondaRecipes.Tests.Pipeline;
using CondaRecipes.Tests.Scheduling.Wiring;

namespace CondaRecipes.Tests.Sdk;

/// <summary>
/// SIGTERM and SIGHUP stop a local build as Ctrl-C does: the build script's processes are gone, nothing
/// half-written reaches the channel, and `dotnet build` exits non-zero with CR8001 (not 0 in a second, as
/// the dotnet CLI's own SIGTERM handler would have it).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SignalTests
{
    /// <summary>A recipe whose build.sh writes a marker with its pid, then sleeps far longer than the test waits.</summary>
    private static TestRepo SleepingRecipe(string marker)
    {
        var repo = new TestRepo();
        repo.Write("recipes/good/meta.yaml", "package:\n  name: good\n  version: 1.0\nbuild:\n  number: 0\n");
        repo.Write("recipes/good/build.sh", "mkdir -p $PREFIX/share && echo 1 > $PREFIX/share/good.txt\n");
        repo.Write("recipes/good.proj", """<Project Sdk="CondaRecipes.Sdk"></Project>""");
        repo.Write("recipes/sleepy/meta.yaml", "package:\n  name: sleepy\n  version: 1.0\nbuild:\n  number: 0\n");
        repo.Write("recipes/sleepy/build.sh", $"echo $$ > {marker}\nsleep 600\nmkdir -p $PREFIX/share && echo 1 > $PREFIX/share/sleepy.txt\n");
        repo.Write("recipes/sleepy.proj", """<Project Sdk="CondaRecipes.Sdk"></Project>""");
        return repo;
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") &&
        !File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].TrimStart().StartsWith('Z');

    [TestCase("TERM", false, "SIGTERM", TestName = "SIGTERM_to_dotnet_build_stops_the_build_script_and_exits_with_CR8001")]
    [TestCase("HUP", true, "SIGHUP", TestName = "SIGHUP_to_the_process_group_stops_the_build_script_and_exits_with_CR8001")]
    [CancelAfter(300_000)]
    public async Task A_signal_stops_a_local_build_like_Ctrl_C(string signal, bool wholeGroup, string name)
    {
        var marker = Path.Combine(Path.GetTempPath(), $"cr-signal-{Guid.NewGuid():N}.pid");
        using var repo = SleepingRecipe(marker);
        Assert.That(repo.Build("recipes/good.proj").ExitCode, Is.EqualTo(0));
        var subdir = repo.Path_("output", "linux-64");
        var repodataBefore = File.ReadAllBytes(Path.Combine(subdir, "repodata.json"));

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await InterruptedBuild.RunAsync(repo.Root, ["recipes/sleepy.proj"],
            _ => File.Exists(marker) && File.ReadAllText(marker).Trim().Length > 0, TimeSpan.FromMinutes(3),
            new InterruptedBuild.Signal(signal, wholeGroup));
        TestContext.Out.WriteLine(output);
        var scriptPid = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(marker);

        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain($"error CR8001: The build was cancelled ({name})."));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), "the build did not wait for build.sh's sleep");
        Assert.That(Alive(scriptPid), Is.False, $"build.sh (pid {scriptPid}) outlived the build");
        // Nothing of the cancelled variant reached the channel, and the channel is as the earlier build left it.
        Assert.That(Directory.EnumerateFiles(repo.Path_("output"), "sleepy-*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Directory.EnumerateFiles(repo.Path_("output"), "*.tmp", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.ReadAllBytes(Path.Combine(subdir, "repodata.json")), Is.EqualTo(repodataBefore));
        ChannelInspection.AssertRepodataMatchesArchives(subdir);
    }

    /// <summary>
    /// A Traversal build under -m: its recipe projects may all build on worker nodes, so no recipe task need ever run
    /// in the `dotnet build` process; the traversal project registers the handlers there itself (WatchTerminationSignals,
    /// an initial target), and SIGTERM to that process alone cancels every recipe instead of ending it with exit code 0.
    /// </summary>
    [Test]
    [CancelAfter(300_000)]
    public async Task SIGTERM_to_a_traversal_build_under_m_cancels_every_recipe_and_exits_with_CR8001()
    {
        var markers = new[] { "one", "two" }.ToDictionary(n => n, n => Path.Combine(Path.GetTempPath(), $"cr-signal-{Guid.NewGuid():N}.{n}.pid"));
        using var repo = new TestRepo();
        foreach (var (name, marker) in markers)
        {
            repo.Write($"recipes/sleepy-{name}/meta.yaml", $"package:\n  name: sleepy-{name}\n  version: 1.0\nbuild:\n  number: 0\n");
            repo.Write($"recipes/sleepy-{name}/build.sh", $"echo $$ > {marker}\nsleep 600\n");
            repo.Write($"recipes/sleepy-{name}.proj", """<Project Sdk="CondaRecipes.Sdk"></Project>""");
        }
        repo.Write("all.proj", """
            <Project Sdk="CondaRecipes.Traversal">
              <ItemGroup><CondaRecipeProject Include="recipes/*.proj" /></ItemGroup>
            </Project>
            """);

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await InterruptedBuild.RunAsync(repo.Root, ["all.proj", "-m:2"],
            _ => markers.Values.All(m => File.Exists(m) && File.ReadAllText(m).Trim().Length > 0), TimeSpan.FromMinutes(3),
            new InterruptedBuild.Signal("TERM", WholeGroup: false));
        TestContext.Out.WriteLine(output);
        var scriptPids = markers.Values.Where(File.Exists)
            .Select(m => int.Parse(File.ReadAllText(m).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var marker in markers.Values) File.Delete(marker);

        Assert.That(scriptPids, Has.Count.EqualTo(2), "both build scripts were running when the signal was sent");
        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain("SIGTERM received: cancelling the build, as for Ctrl-C."), "the dotnet build process handled it");
        Assert.That(output, Does.Contain("error CR8001: The build was cancelled"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), "the build did not wait for build.sh's sleep");
        Assert.That(scriptPids.Where(Alive), Is.Empty, "a build.sh outlived the build");
        Assert.That(Directory.Exists(repo.Path_("output")) ? Directory.EnumerateFiles(repo.Path_("output"), "sleepy-*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    /// <summary>
    /// SIGTERM before any recipe task has run (a site's step before Build, here a long Exec): the traversal project
    /// registered the handlers first thing, so the build is cancelled (the step's process killed) and exits non-zero,
    /// where the dotnet CLI alone would have ended it at once with exit code 0 and left the step running.
    /// </summary>
    [Test]
    [CancelAfter(300_000)]
    public async Task SIGTERM_before_the_first_recipe_task_still_cancels_the_build_and_exits_non_zero()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"cr-signal-{Guid.NewGuid():N}.pid");
        using var repo = SleepingRecipe(marker + ".unused");
        repo.Write("all.proj", $$"""
            <Project Sdk="CondaRecipes.Traversal">
              <ItemGroup><CondaRecipeProject Include="recipes/*.proj" /></ItemGroup>
              <Target Name="FetchSources" BeforeTargets="Build">
                <Exec Command="echo $$ > {{marker}}; sleep 600" />
              </Target>
            </Project>
            """);

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await InterruptedBuild.RunAsync(repo.Root, ["all.proj", "-m:2"],
            _ => File.Exists(marker) && File.ReadAllText(marker).Trim().Length > 0, TimeSpan.FromMinutes(3),
            new InterruptedBuild.Signal("TERM", WholeGroup: false));
        TestContext.Out.WriteLine(output);
        var stepPid = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(marker);

        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain("SIGTERM received: cancelling the build, as for Ctrl-C."));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), "the build did not wait for the step's sleep");
        Assert.That(Alive(stepPid), Is.False, $"the step (pid {stepPid}) outlived the build");
        Assert.That(Directory.Exists(repo.Path_("output")), Is.False, "no recipe built after the signal");
    }
}
