using CondaRecipes.Diagnostics;
using CondaRecipes.Processes;

namespace CondaRecipes.Pipeline.Script;

/// <summary>
/// Runs a generated build script with bash (<c>-x -e -o pipefail</c>, as conda-build does), streaming every
/// output line to the variant's log file and to a callback; on failure the error carries the last lines
/// and the log path. Cancellation kills the script's whole process tree.
/// </summary>
public static class BuildScriptRunner
{
    public const int TailLines = 30;

    public static async Task RunAsync(string scriptPath, string workingDir, IReadOnlyDictionary<string, string> environment,
        string logPath, Action<string> onLine, string what, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var tail = new Queue<string>();
        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var gate = new object();
        void Line(string line)
        {
            lock (gate)
            {
                log.WriteLine(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines) tail.Dequeue();
            }
            onLine(line);
        }

        var result = await ProcessRunner.RunAsync(new ProcessRequest("bash", ["-x", "-e", "-o", "pipefail", scriptPath])
        {
            WorkingDirectory = workingDir,
            Environment = environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
            OnLine = Line,
        }, cancellation);

        if (result.ExitCode != 0)
            throw new CondaRecipesException(BuildErrorCodes.BuildScriptFailed,
                $"{what} failed with exit code {result.ExitCode}. Last lines:\n{string.Join("\n", tail)}",
                logPath, hint: $"The full log is {logPath}.");
    }
}
