using System.Diagnostics;
using CondaRecipes.Diagnostics;
using CondaRecipes.Scheduling;

namespace CondaRecipes.Tests.Scheduling;

public class JobScriptWriterTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-jobscript-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private JobScript Script(params string[] command) => new()
    {
        WorkDir = _dir, Command = command, SentinelPath = Path.Combine(_dir, "job.exitcode"),
    };

    private string WriteScript(JobScript script)
    {
        var path = Path.Combine(_dir, "job.sh");
        JobScriptWriter.Write(script, path);
        return path;
    }

    [Test]
    public void HostileArguments_ReachTheProgramUnchanged_AndInjectNothing()
    {
        var marker = Path.Combine(_dir, "injected");
        string[] hostile =
        [
            "two words", "it's", "\"double\"", $"$(touch {marker})", $"`touch {marker}`", "line1\nline2",
            "$HOME", "*", "back\\slash", "; touch " + marker, "'; touch " + marker + "; '", "",
        ];
        var path = WriteScript(Script(["/usr/bin/printf", "<%s>\\n", .. hostile]));

        var (code, output) = BashRunner.Run(path);

        Assert.That(code, Is.EqualTo(0), output);
        var expected = string.Concat(hostile.Select(h => $"<{h}>\n"));
        var body = output.Split(JobScriptWriter.StartMarker)[1];
        body = body[(body.IndexOf('\n') + 1)..];
        Assert.That(body[..body.IndexOf(JobScriptWriter.EndMarker, StringComparison.Ordinal)], Is.EqualTo(expected));
        Assert.That(File.Exists(marker), Is.False, "an argument was executed by the shell");
    }

    [Test]
    public void ExitCode_IsWrittenToTheSentinel_AndStartEndMarkersNameTheHost()
    {
        var path = WriteScript(Script("/bin/sh", "-c", "echo working; exit 3"));

        var (code, output) = BashRunner.Run(path);

        Assert.That(code, Is.EqualTo(3));
        Assert.That(JobSentinel.TryRead(Path.Combine(_dir, "job.exitcode")), Is.EqualTo(3));
        Assert.That(output, Does.Contain(JobScriptWriter.StartMarker + " host=" + Environment.MachineName));
        Assert.That(output, Does.Contain(JobScriptWriter.EndMarker).And.Contain("exit=3"));
        Assert.That(Directory.GetFiles(_dir, "*.tmp.*"), Is.Empty, "the sentinel temp file was renamed");
    }

    [Test]
    public void WorkDirAndEnvironment_AreSetBeforeTheCommand()
    {
        var work = Directory.CreateDirectory(Path.Combine(_dir, "dir with space")).FullName;
        var script = Script("/bin/sh", "-c", "pwd; printf '%s|' \"$CR_VALUE\"") with
        {
            WorkDir = work, Environment = new Dictionary<string, string> { ["CR_VALUE"] = "a 'b' $(c)" },
        };

        var (code, output) = BashRunner.Run(WriteScript(script));

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain(work + "\n").And.Contain("a 'b' $(c)|"));
    }

    [Test]
    public void MissingCommand_ExitsWith127_InTheSentinel()
    {
        var (code, _) = BashRunner.Run(WriteScript(Script("/nonexistent/program")));

        Assert.That(code, Is.EqualTo(127));
        Assert.That(JobSentinel.TryRead(Path.Combine(_dir, "job.exitcode")), Is.EqualTo(127));
    }

    [Test]
    public void Sigterm_IsRecordedAs143_InTheSentinel()
    {
        var started = Path.Combine(_dir, "started");
        var path = WriteScript(Script("/bin/sh", "-c", $"touch '{started}'; exec sleep 30"));
        // setsid: the script and its child get their own process group, as under a batch system, so the
        // whole group can be signalled the way slurmd/pbs_mom do at a time limit.
        using var p = Process.Start(new ProcessStartInfo("setsid", ["/bin/bash", path])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(started) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.That(File.Exists(started), Is.True);

        // setsid execs in place (the child is no group leader), so the process id is the group id.
        using var kill = Process.Start("kill", ["-TERM", "--", $"-{p.Id}"]);
        kill.WaitForExit();
        Assert.That(p.WaitForExit(15000), Is.True);

        Assert.That(JobSentinel.TryRead(Path.Combine(_dir, "job.exitcode")), Is.EqualTo(143));
        Assert.That(p.StandardOutput.ReadToEnd(), Does.Contain("exit=143"));
    }

    [Test]
    public void Modules_AreSkippedWithAMessage_WhenNoModuleCommandExists()
    {
        if (File.Exists("/etc/profile.d/lmod.sh") || File.Exists("/usr/share/lmod/lmod/init/bash"))
            Assert.Ignore("Lmod is installed here; this test covers machines without it.");
        var script = Script("/bin/true") with { Modules = ["gcc/12.2.0", "cuda/12.2"] };

        var (code, output) = BashRunner.Run(WriteScript(script));

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("no 'module' command on this node; not loading: gcc/12.2.0 cuda/12.2"));
    }

    [Test]
    public void Modules_AreLoadedWithLmod_WhenLmodIsInstalled()
    {
        if (!File.Exists("/usr/share/lmod/lmod/init/bash"))
            Assert.Ignore("Lmod is not installed here (Debian package lmod).");
        var modules = Directory.CreateDirectory(Path.Combine(_dir, "modulefiles", "crtool")).FullName;
        File.WriteAllText(Path.Combine(modules, "1.0.lua"), "setenv(\"CR_FROM_MODULE\", \"loaded 1.0\")\n");
        var script = Script("/bin/sh", "-c", "echo \"module says: $CR_FROM_MODULE\"") with
        {
            Modules = ["crtool/1.0"],
            Environment = new Dictionary<string, string> { ["MODULEPATH"] = Path.Combine(_dir, "modulefiles") },
        };

        var (code, output) = BashRunner.Run(WriteScript(script));

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("module says: loaded 1.0"));
    }

    [Test]
    public void Modules_AreLoadedInOrder_QuotedSafely()
    {
        var text = JobScriptWriter.Render(Script("/bin/true") with { Modules = ["gcc/12.2.0", "odd'name"] });

        Assert.That(text, Does.Contain("  module load 'gcc/12.2.0' || exit 1\n  module load 'odd'\\''name' || exit 1\n"));
    }

    [Test]
    public void BadInput_GivesCodedErrors()
    {
        Assert.That(() => JobScriptWriter.Render(Script()),
            Throws.TypeOf<CondaRecipesException>().With.Property("Code").EqualTo(SchedulingErrorCodes.InvalidJobSpec));
        Assert.That(() => JobScriptWriter.Render(Script("x") with { WorkDir = "relative" }),
            Throws.TypeOf<CondaRecipesException>().With.Message.Contains("not an absolute path"));
        Assert.That(() => JobScriptWriter.Render(Script("x") with { Environment = new Dictionary<string, string> { ["A-B"] = "1" } }),
            Throws.TypeOf<CondaRecipesException>().With.Message.Contains("'A-B'"));
        Assert.That(() => JobScriptWriter.Render(Script("a\0b")),
            Throws.TypeOf<CondaRecipesException>().With.Message.Contains("NUL"));
    }

    [Test]
    public void Directives_FollowTheShebang()
    {
        var text = JobScriptWriter.Render(Script("/bin/true") with { Directives = ["#SBATCH --time=1:00:00", "#PBS -A abc"] });

        Assert.That(text, Does.StartWith("#!/bin/bash\n#SBATCH --time=1:00:00\n#PBS -A abc\n"));
    }
}
