using System.Collections;
using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.Planning;
using CondaRecipes.Recipes.Matrix;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Parameters shared by the tasks that plan and build a project's variants, turned into the engine's
/// <see cref="VariantPlanner"/> with the engine CondaBuildEngine names. Plan and the build pass the same
/// parameters, so their verdicts are the planner's one decision.
/// </summary>
public abstract class VariantTaskBase : CondaTaskBase
{
    [Required] public string ProjectFile { get; set; } = "";
    [Required] public string RecipeName { get; set; } = "";
    [Required] public string RecipeDir { get; set; } = "";
    [Required] public string OutputDir { get; set; } = "";
    [Required] public string WorkDir { get; set; } = "";
    public string Subdir { get; set; } = "linux-64";
    /// <summary>conda | tar.bz2 | both.</summary>
    public string PackageFormat { get; set; } = "conda";
    public int ZstdLevel { get; set; } = 19;
    /// <summary><c>CondaEnvironment</c> items: Include = variable name, metadata Value.</summary>
    public ITaskItem[] Environment { get; set; } = [];
    /// <summary><c>CondaHostRunpathWhitelist</c> items: site-wide globs merged with each recipe's.</summary>
    public ITaskItem[] HostRunpathWhitelist { get; set; } = [];
    /// <summary><c>CondaExternal</c> items: host software standing in for conda packages.</summary>
    public ITaskItem[] Externals { get; set; } = [];

    /// <summary>CondaVariantLockTimeout: seconds to wait for another build of the same variant, or <c>infinite</c>.</summary>
    public string VariantLockTimeout { get; set; } = "";

    /// <summary>CondaBuildEngine: native | conda-build.</summary>
    public string Engine { get; set; } = "native";
    public string LogDir { get; set; } = "";
    /// <summary><c>CondaChannel</c> items, in priority order.</summary>
    public ITaskItem[] Channels { get; set; } = [];

    // The native engine.
    public string CacheDir { get; set; } = "";
    public bool SkipTests { get; set; }
    public bool ErrorOverlinking { get; set; }
    /// <summary><c>CondaModule</c> items: environment modules the build script loads first.</summary>
    public ITaskItem[] Modules { get; set; } = [];
    /// <summary><c>CondaWheelDirectory</c> items: local wheels that can satisfy Python build requirements.</summary>
    public ITaskItem[] WheelDirectories { get; set; } = [];

    // The conda-build engine.
    /// <summary>From the CondaBuildBootstrap target (empty when planning).</summary>
    public string CondaBuildExecutable { get; set; } = "";
    /// <summary>What identifies the conda-build used (<see cref="CondaBuildIdentity"/>); empty: not bootstrapped yet.</summary>
    public string CondaBuildFingerprint { get; set; } = "";
    /// <summary><c>CondaBuildVariantFiles</c> items, passed as <c>-m FILE</c>.</summary>
    public ITaskItem[] VariantFiles { get; set; } = [];
    /// <summary>Further conda-build arguments, separated by white space.</summary>
    public string ExtraArguments { get; set; } = "";
    public bool UseOutputAsChannel { get; set; } = true;

    /// <summary>The planner for this project with the engine CondaBuildEngine names.</summary>
    protected VariantPlanner Planner()
    {
        var project = new RecipeProject
        {
            ProjectFile = ProjectFile, RecipeName = RecipeName, RecipeDir = RecipeDir, OutputDir = OutputDir, WorkDir = WorkDir,
            Subdir = Subdir, PackageFormat = PackageFormat, Formats = PackageFormats.Parse(PackageFormat, ProjectFile), ZstdLevel = ZstdLevel,
            BaseEnvironment = ProcessEnvironment(),
            SiteEnvironment = Environment.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.Ordinal),
            RunpathWhitelist = HostRunpathWhitelist.Select(i => i.ItemSpec).ToList(),
            Externals = Externals.Select(i => new DeclaredExternal(i.ItemSpec, i.GetMetadata("Version").Trim(), i.GetMetadata("Build").Trim(), i.GetMetadata("Path").Trim())).ToList(),
            VariantLockTimeout = VariantLock.ParseTimeout(VariantLockTimeout, ProjectFile),
        };
        IVariantEngine engine = VariantEngineKinds.Parse(Engine, ProjectFile) switch
        {
            VariantEngineKind.CondaBuild => new CondaBuildVariantEngine(project, new CondaBuildEngineSettings
            {
                LogDir = LogDir, CondaBuildExecutable = CondaBuildExecutable,
                Identity = string.IsNullOrEmpty(CondaBuildFingerprint) ? null : CondaBuildFingerprint,
                Channels = Channels.Select(c => c.ItemSpec).ToList(), VariantFiles = VariantFiles.Select(f => f.ItemSpec).ToList(),
                ExtraArguments = ExtraArguments, UseOutputAsChannel = UseOutputAsChannel,
            }),
            _ => new NativeVariantEngine(project, new NativeEngineSettings
            {
                LogDir = LogDir, CacheDir = CacheDir, Channels = Channels.Select(c => c.ItemSpec).ToList(),
                WheelDirs = WheelDirectories.Select(w => w.ItemSpec).ToList(), Modules = Modules.Select(m => m.ItemSpec).ToList(),
                ErrorOverlinking = ErrorOverlinking, SkipTests = SkipTests,
            }),
        };
        return new VariantPlanner(project, engine);
    }

    /// <summary>A variant from the item ExpandCondaMatrix produced (its Variables decoded by <see cref="VariableCodec"/>).</summary>
    protected static VariantRequest RequestOf(ITaskItem variant) => new(
        variant.ItemSpec,
        variant.GetMetadata("Description"),
        VariableCodec.DecodeVariables(variant.GetMetadata("Variables")),
        string.IsNullOrWhiteSpace(variant.GetMetadata("PythonVersion")) ? null : variant.GetMetadata("PythonVersion"))
    {
        Settings = variant.GetMetadata("VariantSettings"),
    };

    /// <summary>
    /// The environment the build was started in (modules a site loaded, PATH, HOME), read once here for
    /// rendering and for build scripts. MSBuild's own variables are left out: they would confuse a `dotnet`
    /// a build script might run.
    /// </summary>
    protected internal static Dictionary<string, string> ProcessEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (!key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
                env[key] = (string?)e.Value ?? "";
        }
        return env;
    }
}
