using System.Diagnostics;

namespace CondaRecipes.Tests.Scheduling;

/// <summary>Starts the single-node Slurm of eng/slurm/start.sh once per test run; fails loudly if it cannot.</summary>
internal static class LocalSlurm
{
    private static readonly Lazy<(bool Ok, string Output)> Started = new(Start);

    public static void EnsureStarted()
    {
        var (ok, output) = Started.Value;
        if (!ok)
            Assert.Fail($"The local Slurm cluster could not be started (eng/slurm/start.sh, run as root):\n{output}");
    }

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "eng", "slurm", "start.sh")))
                    return dir.FullName;
            throw new InvalidOperationException("eng/slurm/start.sh not found above the test directory");
        }
    }

    private static (bool, string) Start()
    {
        var psi = new ProcessStartInfo("/bin/bash", [Path.Combine(RepoRoot, "eng", "slurm", "start.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        psi.Environment["CI"] = "true";
        try
        {
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(8)))
            {
                p.Kill(entireProcessTree: true);
                return (false, "start.sh did not finish within 8 minutes");
            }
            var output = stdout.Result + stderr.Result;
            TestContext.Progress.WriteLine(output.Trim());
            return (p.ExitCode == 0, output);
        }
        catch (Exception e) { return (false, e.Message); }
    }

    /// <summary>Ids among <paramref name="ids"/> that plain squeue (pending/running only) still lists.</summary>
    public static IReadOnlyList<string> ActiveInSqueue(IEnumerable<string> ids)
    {
        var psi = new ProcessStartInfo("squeue", ["-h", "-o", "%i"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var listed = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        p.WaitForExit();
        return ids.Where(listed.Contains).ToList();
    }
}
