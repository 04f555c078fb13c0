using CondaRecipes.ExternalCondaBuild;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Makes sure the patched conda-build environment exists (the original's <c>make conda-build</c>) and
/// returns its conda-build. Incremental through the engine's bootstrap stamp: an environment made from the
/// same environment file is neither recreated nor is any process started; the RPATH patch is re-checked
/// every time and applied only when missing. With <see cref="Bootstrap"/> false nothing is created and
/// conda-build is taken from the environment directory when present, else from PATH.
/// </summary>
public sealed class BootstrapCondaBuild : CondaTaskBase, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public string EnvironmentDir { get; set; } = "";
    [Required] public string EnvironmentFile { get; set; } = "";
    /// <summary>conda, mamba or micromamba to create the environment with; empty: the first of them on <see cref="SearchPath"/>.</summary>
    public string CondaToolPath { get; set; } = "";
    /// <summary>The build's PATH (passed in, so the task reads no process-global state).</summary>
    public string SearchPath { get; set; } = "";
    /// <summary>Where the environment creation's output is logged.</summary>
    public string LogFile { get; set; } = "";
    /// <summary>False: use an existing conda-build without creating or patching anything.</summary>
    public bool Bootstrap { get; set; } = true;
    /// <summary>True (Plan): create, patch and start nothing; report the identity a build would use, or empty.</summary>
    public bool ProbeOnly { get; set; }

    /// <summary>The conda-build executable to run.</summary>
    [Output] public string CondaBuildExecutable { get; private set; } = "";

    /// <summary>
    /// What identifies this conda-build for the variants' inputs hash (<see cref="CondaBuildIdentity"/>).
    /// </summary>
    [Output] public string Fingerprint { get; private set; } = "";

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        // Without a trailing separator: the engine puts its lock file at "<dir>.lock", beside the environment.
        var environmentDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(EnvironmentDir));
        if (ProbeOnly)
        {
            Fingerprint = CondaBuildIdentity.Probe(environmentDir, EnvironmentFile, Bootstrap, SearchPath) ?? "";
            return;
        }
        if (!Bootstrap)
        {
            CondaBuildExecutable = CondaToolLocator.FindCondaBuild(environmentDir, SearchPath);
            Fingerprint = CondaBuildIdentity.Found(CondaBuildExecutable);
            Log.LogMessage(MessageImportance.Normal, $"conda-build: using {CondaBuildExecutable} as found (bootstrap disabled)");
            return;
        }

        var tool = new CondaToolLocator(CondaToolPath).FindTool(SearchPath);
        var result = new CondaBuildBootstrapper(tool)
            .EnsureAsync(environmentDir, EnvironmentFile, string.IsNullOrEmpty(LogFile) ? null : LogFile,
                line => Log.LogMessage(MessageImportance.Low, line), _cancel.Token)
            .GetAwaiter().GetResult();

        var patch = result.Patch.AlreadyPatched ? "patch already present" : "post.py patched";
        Log.LogMessage(MessageImportance.High, result.Created
            ? $"conda-build: created {result.EnvironmentDirectory} with {tool.ExecutablePath} from {EnvironmentFile}; conda-build {result.Patch.CondaBuildVersion}, {patch}"
            : $"conda-build: {result.EnvironmentDirectory} is up to date (conda-build {result.Patch.CondaBuildVersion}, {patch})");
        CondaBuildExecutable = result.CondaBuildExecutable;
        Fingerprint = CondaBuildIdentity.Bootstrapped(result.Patch.CondaBuildVersion, result.CondaBuildExecutable, EnvironmentFile);
    }
}
