using System.ComponentModel;
using CondaRecipes.ExternalCondaBuild.Patching;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>What <see cref="CondaBuildBootstrapper.EnsureAsync"/> did.</summary>
/// <param name="Created">True when the environment was (re)created; false when the stamp matched.</param>
/// <param name="CondaBuildExecutable">The environment's conda-build.</param>
/// <param name="Patch">The result of patching post.py (applied now or already present).</param>
public sealed record BootstrapResult(string EnvironmentDirectory, bool Created, string CondaBuildExecutable,
    PostPyPatchResult Patch);

/// <summary>
/// Makes sure a patched conda-build environment exists at a directory — the original <c>make conda-build</c>:
/// create it from an environment file unless its stamp says it was made from the same file, recreate it
/// (removing the old one first) when the file changed, then apply the RPATH patch (a no-op when present).
/// </summary>
public sealed class CondaBuildBootstrapper
{
    private readonly CondaTool _tool;
    private readonly PostPyPatcher _patcher;

    public CondaBuildBootstrapper(CondaTool tool, PostPyPatcher? patcher = null)
    {
        _tool = tool;
        _patcher = patcher ?? new PostPyPatcher();
    }

    /// <param name="environmentDirectory">Where the environment lives (the original's <c>./conda_build/</c>).</param>
    /// <param name="environmentFile">The environment yaml (default <c>eng/conda_build.yaml</c>).</param>
    /// <param name="logFile">Where the create command's output is logged.</param>
    /// <param name="onLine">Receives each output line of the create command.</param>
    /// <exception cref="CondaRecipesException">CR7101–CR7104, or a patch error CR72xx.</exception>
    public async Task<BootstrapResult> EnsureAsync(string environmentDirectory, string environmentFile,
        string? logFile = null, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        environmentDirectory = Path.GetFullPath(environmentDirectory);
        environmentFile = Path.GetFullPath(environmentFile);
        if (!File.Exists(environmentFile))
            throw new CondaRecipesException(CondaBuildErrorCodes.EnvironmentFileMissing,
                $"The conda-build environment file '{environmentFile}' does not exist.", file: environmentFile,
                hint: "Point the setting at an environment yaml, e.g. the SDK's eng/conda_build.yaml.");

        // Parallel builds (msbuild -m) share one environment: the first creates it, the others wait here.
        Directory.CreateDirectory(Path.GetDirectoryName(environmentDirectory)!);
        await using var _ = await AcquireLockAsync(environmentDirectory + ".lock", cancellationToken).ConfigureAwait(false);

        var sha = BootstrapStamp.Sha256Of(environmentFile);
        var stamp = BootstrapStamp.TryRead(environmentDirectory);
        var created = false;
        if (stamp?.EnvironmentFileSha256 != sha)
        {
            RemoveStaleEnvironment(environmentDirectory);
            await CreateAsync(environmentDirectory, environmentFile, logFile, onLine, cancellationToken).ConfigureAwait(false);
            new BootstrapStamp(sha, CondaTool.ExecutableName(_tool.Kind), _tool.ExecutablePath, DateTimeOffset.UtcNow)
                .Write(environmentDirectory);
            created = true;
        }

        var condaBuild = CondaToolLocator.CondaBuildExecutableIn(environmentDirectory);
        if (!ExecutableFiles.IsExecutable(condaBuild))
            throw new CondaRecipesException(CondaBuildErrorCodes.CondaBuildMissingAfterCreate,
                $"The environment '{environmentDirectory}' has no executable '{condaBuild}'.", file: environmentFile,
                hint: "Make sure the environment file lists conda-build among its dependencies.");

        // Patched on every call, not only after creation: the patch is idempotent, and a conda-build
        // updated in place (conda update) would otherwise silently lose it.
        var patch = await _patcher.ApplyAsync(environmentDirectory, cancellationToken).ConfigureAwait(false);
        return new BootstrapResult(environmentDirectory, created, condaBuild, patch);
    }

    /// <summary>An exclusive lock file (flock on Unix); waits while another process holds it.</summary>
    private static async Task<FileStream> AcquireLockAsync(string lockFile, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CreateAsync(string environmentDirectory, string environmentFile, string? logFile,
        Action<string>? onLine, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(environmentDirectory)!);
        var arguments = EnvironmentCreateCommand.Arguments(_tool.Kind, environmentDirectory, environmentFile);
        var commandLine = CommandLine.Format(_tool.ExecutablePath, arguments);
        using var log = new LogTee(logFile, onLine);
        log.WriteLine("$ " + commandLine);
        int exitCode;
        try
        {
            exitCode = await ProcessLauncher.RunAsync(_tool.ExecutablePath, arguments, null, null, log, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new CondaRecipesException(CondaBuildErrorCodes.EnvironmentCreateFailed,
                $"Could not start '{commandLine}': {e.Message}", file: environmentFile,
                hint: "Check that the conda tool is installed and executable.", inner: e);
        }

        if (exitCode != 0)
            throw new CondaRecipesException(CondaBuildErrorCodes.EnvironmentCreateFailed,
                $"Creating the conda-build environment failed (exit code {exitCode}): {commandLine}" +
                $"{Environment.NewLine}Last lines of output{(log.LogFile is null ? "" : $" ({log.LogFile})")}:" +
                $"{Environment.NewLine}{log.FormatTail()}",
                file: environmentFile,
                hint: "Read the solver or download error above; fix the environment file or the channels, then build again.");
    }

    /// <summary>
    /// Removes an environment that is out of date or half-created. Only a directory that is clearly a
    /// conda environment (our stamp or conda-meta/) or empty is removed: a mistyped setting must never
    /// delete someone's home directory.
    /// </summary>
    private static void RemoveStaleEnvironment(string environmentDirectory)
    {
        if (!Directory.Exists(environmentDirectory)) return;
        var isEnvironment = File.Exists(BootstrapStamp.PathIn(environmentDirectory))
            || Directory.Exists(Path.Combine(environmentDirectory, "conda-meta"));
        if (!isEnvironment && Directory.EnumerateFileSystemEntries(environmentDirectory).Any())
            throw new CondaRecipesException(CondaBuildErrorCodes.RefusingToReplaceDirectory,
                $"'{environmentDirectory}' exists, is not empty and is not a conda environment; it is not replaced.",
                file: environmentDirectory,
                hint: "Choose another directory for the conda-build environment, or remove this one yourself.");
        Directory.Delete(environmentDirectory, recursive: true);
    }
}
