using System.ComponentModel;
using CondaRecipes.Diagnostics;
using CondaRecipes.Files;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>The outcome of a successful conda-build run.</summary>
/// <param name="CommandLine">The command as a shell line, for logs.</param>
/// <param name="LogFile">The variant's log.</param>
public sealed record CondaBuildResult(string CommandLine, string LogFile);

/// <summary>
/// Runs conda-build for one variant — the original's
/// <c>conda-build --python … --channel conda-forge --output-folder output/ ./recipe | tee logs/recipe.log</c> —
/// streaming its output to a callback and to <c>logs/&lt;recipe&gt;/&lt;variant&gt;.log</c>, and turns a
/// failure into a coded error quoting the command line and the last lines of output. Cancelling kills
/// conda-build and every process it started.
/// </summary>
public sealed class CondaBuildRunner
{
    private readonly string _condaBuild;
    private readonly string _logsDirectory;

    /// <param name="condaBuildExecutable">From <see cref="CondaToolLocator.FindCondaBuild"/> or the bootstrap result.</param>
    /// <param name="logsDirectory">The logs root (the original's <c>logs/</c>).</param>
    public CondaBuildRunner(string condaBuildExecutable, string logsDirectory)
    {
        _condaBuild = condaBuildExecutable;
        _logsDirectory = Path.GetFullPath(logsDirectory);
    }

    /// <summary>Builds the variant's package into its output folder.</summary>
    /// <exception cref="CondaRecipesException">CR7301 (conda-build missing), CR7302 (solver), CR7303 (build).</exception>
    /// <exception cref="OperationCanceledException">When cancelled; the process tree has been killed.</exception>
    public async Task<CondaBuildResult> BuildAsync(CondaBuildInvocation invocation, Action<string>? onLine = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = CondaBuildCommand.BuildArguments(invocation);
        var logFile = CondaBuildCommand.LogFile(_logsDirectory, invocation);
        PrepareOutputChannel(invocation);
        using var log = new LogTee(logFile, onLine);
        var (exitCode, commandLine) = await RunAsync(invocation, arguments, log, cancellationToken).ConfigureAwait(false);
        if (exitCode == 0) return new CondaBuildResult(commandLine, logFile);

        log.Dispose(); // close the log before reading it back whole
        var all = File.ReadAllLines(logFile);
        var solverError = BuildFailureClassifier.SolverErrorIn(all);
        var tail = $"{Environment.NewLine}Last {log.Tail.Count} lines of {logFile}:{Environment.NewLine}{log.FormatTail()}";
        if (solverError is not null)
            throw new CondaRecipesException(CondaBuildErrorCodes.SolverFailed,
                $"conda-build could not solve the environments of {invocation.VariantName} ({solverError}, exit code {exitCode}): {commandLine}" +
                $"{Environment.NewLine}The solver said:{Environment.NewLine}" +
                string.Join(Environment.NewLine, BuildFailureClassifier.SolverReport(all).Select(l => "    " + l)) + tail,
                file: Path.Combine(Path.GetFullPath(invocation.RecipeDirectory), "meta.yaml"),
                hint: "Check the requirement pins and channels in the log; a local package (=*_derecho) must be built " +
                      "before recipes that need it, and conda-libmamba-solver 24.11 is known to fail on such pins (use 24.9).");
        throw new CondaRecipesException(CondaBuildErrorCodes.BuildFailed,
            $"conda-build failed for {invocation.VariantName} (exit code {exitCode}): {commandLine}{tail}",
            file: Path.Combine(Path.GetFullPath(invocation.RecipeDirectory), "meta.yaml"),
            hint: $"Read {logFile} for the failing step of build.sh or the tests.");
    }

    /// <summary>
    /// The package path(s) the variant would produce (<c>conda-build --output</c>), from the cache when
    /// <paramref name="cache"/> has <paramref name="inputsHash"/>; conda-build is started only on a miss.
    /// </summary>
    public Task<IReadOnlyList<string>> GetOutputPathsAsync(CondaBuildInvocation invocation, OutputNameCache cache,
        string inputsHash, CancellationToken cancellationToken = default) =>
        cache.GetOrComputeAsync(inputsHash, ct => GetOutputPathsAsync(invocation, ct), cancellationToken);

    /// <summary>Runs <c>conda-build --output</c> and returns the package paths it prints (one per output).</summary>
    /// <exception cref="CondaRecipesException">CR7301 or CR7304.</exception>
    public async Task<IReadOnlyList<string>> GetOutputPathsAsync(CondaBuildInvocation invocation,
        CancellationToken cancellationToken = default)
    {
        var arguments = CondaBuildCommand.OutputArguments(invocation);
        var logFile = Path.ChangeExtension(CondaBuildCommand.LogFile(_logsDirectory, invocation), ".output.log");
        PrepareOutputChannel(invocation);
        var lines = new List<string>();
        using var log = new LogTee(logFile, lines.Add);
        var (exitCode, commandLine) = await RunAsync(invocation, arguments, log, cancellationToken).ConfigureAwait(false);
        // conda-build prints warnings too; the answer is the lines naming package archives.
        var outputs = lines.Select(l => l.Trim())
            .Where(l => l.EndsWith(".conda", StringComparison.Ordinal) || l.EndsWith(".tar.bz2", StringComparison.Ordinal))
            .Where(Path.IsPathRooted)
            .ToList();
        if (exitCode != 0 || outputs.Count == 0)
            throw new CondaRecipesException(CondaBuildErrorCodes.OutputNameFailed,
                $"'{commandLine}' {(exitCode != 0 ? $"failed (exit code {exitCode})" : "printed no package file name")}." +
                $"{Environment.NewLine}Last lines of {logFile}:{Environment.NewLine}{log.FormatTail()}",
                file: Path.Combine(Path.GetFullPath(invocation.RecipeDirectory), "meta.yaml"),
                hint: "The recipe must render for this variant; run the command by hand to see the full message.");
        return outputs;
    }

    private async Task<(int ExitCode, string CommandLine)> RunAsync(CondaBuildInvocation invocation,
        IReadOnlyList<string> arguments, LogTee log, CancellationToken cancellationToken)
    {
        var commandLine = CommandLine.Format(_condaBuild, arguments);
        if (!ExecutableFiles.IsExecutable(_condaBuild))
            throw CondaBuildMissing(commandLine, "does not exist or is not executable");
        var environment = CondaBuildCommand.EnvironmentVariables(invocation);
        log.WriteLine("$ " + string.Join(' ', environment.Select(kv => $"{kv.Key}={CommandLine.Quote(kv.Value ?? "")}")) +
                      " " + commandLine);
        try
        {
            var exitCode = await ProcessLauncher.RunAsync(_condaBuild, arguments, environment,
                Path.GetDirectoryName(Path.GetFullPath(invocation.RecipeDirectory)), log, cancellationToken).ConfigureAwait(false);
            return (exitCode, commandLine);
        }
        catch (Win32Exception e)
        {
            throw CondaBuildMissing(commandLine, $"could not be started ({e.Message})");
        }
    }

    private CondaRecipesException CondaBuildMissing(string commandLine, string what) =>
        new(CondaBuildErrorCodes.CondaBuildNotFound, $"conda-build '{_condaBuild}' {what}: {commandLine}",
            file: _condaBuild,
            hint: "Bootstrap the conda-build environment (eng/conda_build.yaml) or put conda-build on PATH.");

    /// <summary>
    /// The output folder is passed as a <c>file://</c> channel; conda rejects a channel without
    /// <c>noarch/repodata.json</c>, which a fresh output folder lacks. An empty index is written then —
    /// only when none exists, so a real index is never touched.
    /// </summary>
    private static void PrepareOutputChannel(CondaBuildInvocation invocation)
    {
        if (!invocation.UseOutputFolderAsChannel) return;
        var noarch = Path.Combine(Path.GetFullPath(invocation.OutputFolder), "noarch");
        var repodata = Path.Combine(noarch, "repodata.json");
        if (File.Exists(repodata)) return;
        Directory.CreateDirectory(noarch);
        var temp = AtomicFile.TemporarySibling(repodata);
        File.WriteAllText(temp, """{"info": {"subdir": "noarch"}, "packages": {}, "packages.conda": {}, "repodata_version": 1}""");
        // No overwrite: if another build indexed the channel meanwhile, its index wins.
        try { File.Move(temp, repodata, overwrite: false); }
        catch (IOException) { File.Delete(temp); }
    }
}
