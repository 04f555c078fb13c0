using System.Diagnostics;

namespace CondaRecipes.Tests.Scheduling;

/// <summary>Runs a job script with the real bash, as a batch system would, capturing its output.</summary>
internal static class BashRunner
{
    public static (int ExitCode, string Output) Run(string scriptPath, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("/bin/bash", [scriptPath])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{scriptPath} did not finish in time");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
