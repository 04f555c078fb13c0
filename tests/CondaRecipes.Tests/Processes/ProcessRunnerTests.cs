using System.ComponentModel;
using CondaRecipes.Processes;

namespace CondaRecipes.Tests.Processes;

public class ProcessRunnerTests
{
    [Test]
    public async Task Captures_both_streams_and_the_exit_code_with_the_given_environment()
    {
        var result = await ProcessRunner.RunAsync(new ProcessRequest("bash", ["-c", "echo out $CR_VALUE; echo err >&2; exit 3"])
        {
            Environment = new Dictionary<string, string?> { ["CR_VALUE"] = "a|b=c;d%e" },
        });
        Assert.That((result.ExitCode, result.StandardOutput, result.StandardError), Is.EqualTo((3, "out a|b=c;d%e\n", "err\n")));
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task Streams_lines_to_the_callback()
    {
        var lines = new List<string>();
        await ProcessRunner.RunAsync(new ProcessRequest("bash", ["-c", "echo one; echo two >&2"]) { OnLine = l => { lock (lines) lines.Add(l); } });
        Assert.That(lines, Is.EquivalentTo(new[] { "one", "two" }));
    }

    [Test]
    public void A_missing_program_is_a_Win32Exception()
    {
        Assert.ThrowsAsync<Win32Exception>(() => ProcessRunner.RunAsync(new ProcessRequest("/nonexistent/cr-no-such-program", [])));
    }

    [Test]
    public async Task A_timeout_ends_the_run_as_timed_out()
    {
        var result = await ProcessRunner.RunAsync(new ProcessRequest("sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.That(result.TimedOut, Is.True);
    }

    [Test]
    public async Task Cancelling_kills_the_whole_process_tree()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"cr-child-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        // The child sleep runs in the background so bash itself is not the only process to kill.
        var run = ProcessRunner.RunAsync(new ProcessRequest("bash", ["-c", $"sleep 60 & echo $! > {pidFile}; wait"]), cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the script did not start");
            await Task.Delay(50);
        }
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        cts.Cancel();
        Assert.CatchAsync<OperationCanceledException>(() => run);
        File.Delete(pidFile);
        var gone = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ") && DateTime.UtcNow < gone)
            await Task.Delay(50);
        Assert.That(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z "), Is.False,
            "the background child was killed with its parent");
    }
}
