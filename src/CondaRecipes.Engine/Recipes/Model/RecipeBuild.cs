namespace CondaRecipes.Recipes;

/// <summary>The <c>build</c> section.</summary>
public sealed record RecipeBuild
{
    /// <summary><c>number</c>: a non-negative integer, 0 when absent.</summary>
    public int Number { get; init; }

    /// <summary><c>string</c>: the build string as the recipe sets it; null to use the computed default.</summary>
    public string? String { get; init; }

    /// <summary><c>script</c>: one command or a list of lines; empty when the recipe uses build.sh.</summary>
    public IReadOnlyList<string> Script { get; init; } = [];

    /// <summary><c>script_env</c>: <c>NAME</c> (pass through) or <c>NAME=value</c> entries.</summary>
    public IReadOnlyList<string> ScriptEnv { get; init; } = [];

    /// <summary><c>rpaths</c>: prefix-relative library directories; <c>["lib"]</c> when absent.</summary>
    public IReadOnlyList<string> Rpaths { get; init; } = ["lib"];

    /// <summary><c>host_runpath_whitelist</c>: globs of RPATH entries outside the prefix to keep verbatim.</summary>
    public IReadOnlyList<string> HostRunpathWhitelist { get; init; } = [];

    /// <summary><c>missing_dso_whitelist</c> and <c>missing_dso_allowlist</c>, merged.</summary>
    public IReadOnlyList<string> MissingDsoWhitelist { get; init; } = [];

    /// <summary><c>runpath_whitelist</c> and <c>runpath_allowlist</c>, merged.</summary>
    public IReadOnlyList<string> RunpathWhitelist { get; init; } = [];

    /// <summary><c>binary_relocation</c>: false turns relocation off; true (the default) or a list turns it on.</summary>
    public bool BinaryRelocation { get; init; } = true;

    /// <summary>When <c>binary_relocation</c> is a list: the only files (globs) to relocate; empty means all files.</summary>
    public IReadOnlyList<string> BinaryRelocationGlobs { get; init; } = [];

    /// <summary><c>rpaths_patcher</c> (patchelf or LIEF); null when absent.</summary>
    public string? RpathsPatcher { get; init; }

    /// <summary><c>noarch</c>: "python" or "generic" (the legacy <c>noarch_python: true</c> gives "python"); null otherwise.</summary>
    public string? Noarch { get; init; }

    public bool Skip { get; init; }

    public RunExports RunExports { get; init; } = new();

    public IReadOnlyList<string> IgnoreRunExports { get; init; } = [];

    public IReadOnlyList<string> IgnoreRunExportsFrom { get; init; } = [];

    /// <summary><c>has_prefix_files</c> (globs): when set, the only text files whose prefix conda rewrites;
    /// each must contain the prefix.</summary>
    public IReadOnlyList<string> HasPrefixFiles { get; init; } = [];

    /// <summary><c>binary_has_prefix_files</c> (globs): files rewritten in binary mode; each must contain the
    /// prefix. When set (and detection is not asked for), the only binary files rewritten.</summary>
    public IReadOnlyList<string> BinaryHasPrefixFiles { get; init; } = [];

    /// <summary><c>ignore_prefix_files</c> as a list (globs): files whose prefix is never rewritten.</summary>
    public IReadOnlyList<string> IgnorePrefixFiles { get; init; } = [];

    /// <summary><c>ignore_prefix_files: true</c>: no file's prefix is rewritten.</summary>
    public bool IgnoreAllPrefixFiles { get; init; }

    /// <summary><c>no_link</c> (globs): files conda copies instead of linking.</summary>
    public IReadOnlyList<string> NoLink { get; init; } = [];

    /// <summary><c>skip_compile_pyc</c> (globs): Python files never byte-compiled into the package.</summary>
    public IReadOnlyList<string> SkipCompilePyc { get; init; } = [];

    /// <summary><c>entry_points</c>: <c>name = module:function</c>.</summary>
    public IReadOnlyList<string> EntryPoints { get; init; } = [];

    /// <summary><c>detect_binary_files_with_prefix</c>; null when absent: binary files are then detected
    /// unless <c>binary_has_prefix_files</c> lists some, as in conda-build.</summary>
    public bool? DetectBinaryFilesWithPrefix { get; init; }
}

/// <summary><c>build/run_exports</c>; a plain list is the weak list.</summary>
public sealed record RunExports
{
    public IReadOnlyList<string> Weak { get; init; } = [];

    public IReadOnlyList<string> Strong { get; init; } = [];

    /// <summary>What a noarch package built against this one depends on (only noarch packages take these).</summary>
    public IReadOnlyList<string> Noarch { get; init; } = [];

    public IReadOnlyList<string> WeakConstrains { get; init; } = [];

    public IReadOnlyList<string> StrongConstrains { get; init; } = [];

    public bool IsEmpty => Weak.Count + Strong.Count + Noarch.Count + WeakConstrains.Count + StrongConstrains.Count == 0;
}
