using System.Diagnostics;
using System.Text;
using CondaRecipes.Tests.Support;

namespace CondaRecipes.Tests.Channels.Publishing;

/// <summary>A publishing child process (<see cref="PublishChild"/>) that the test stops at a step and kills with SIGKILL.</summary>
internal sealed class PublishProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PublishProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="holdAt">The step to stop at, or <c>none</c> to run to the end.</param>
    public static PublishProcess Start(string channel, string holdAt, params (string Archive, string Subdir)[] items)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { typeof(TestProgram).Assembly.Location, "publish", channel, holdAt })
            info.ArgumentList.Add(a);
        foreach (var (archive, subdir) in items) info.ArgumentList.Add($"{archive}={subdir}");
        var process = new Process { StartInfo = info };
        var p = new PublishProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (p._output) p._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (p._output) p._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Waits until the child printed <c>step &lt;name&gt;</c> (it is then stopped there).</summary>
    public void WaitForStep(string step, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains($"step {step}\n", StringComparison.Ordinal))
        {
            if (_process.HasExited) Assert.Fail($"the publisher exited ({_process.ExitCode}) before step {step}:\n{Output}");
            if (clock.Elapsed > timeout) Assert.Fail($"step {step} not reached in {timeout}:\n{Output}");
            Thread.Sleep(20);
        }
    }

    /// <summary>SIGKILL: no handler, no finally block, no flush runs in the child.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) { Kill9(); Assert.Fail($"the publisher did not finish in {timeout}:\n{Output}"); }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill9();
        _process.Dispose();
    }
}
