namespace CondaRecipes.Elf;

/// <summary>Where the linkage check may find a package's DT_NEEDED libraries.</summary>
public sealed record LinkageSettings
{
    public static readonly IReadOnlyList<string> DefaultSystemLibraryDirs =
        ["/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib"];

    /// <summary>glibc and loader libraries, present on every target system whatever the build machine has.</summary>
    public static readonly IReadOnlyList<string> DefaultSystemLibraryNames =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2",
        "libnsl.so.1", "libcrypt.so.1", "libanl.so.1", "libmvec.so.1", "libBrokenLocale.so.1", "libthread_db.so.1",
        "ld-linux-x86-64.so.2", "ld-linux.so.2", "ld-linux-aarch64.so.1", "ld64.so.2", "ld64.so.1",
    ];

    /// <summary>Library directories of the run dependencies' prefixes (e.g. <c>$ENV/lib</c>).</summary>
    public IReadOnlyList<string> RunDependencyLibraryDirs { get; init; } = [];

    /// <summary>Files (relative to the package root, <c>/</c>-separated) that run dependencies built in the same
    /// prefix provide: the recipe's other outputs named in this output's run requirements.</summary>
    public IReadOnlySet<string> RunDependencyFiles { get; init; } = new HashSet<string>();

    /// <summary>System library directories.</summary>
    public IReadOnlyList<string> SystemLibraryDirs { get; init; } = DefaultSystemLibraryDirs;

    /// <summary>Library names accepted as system libraries without looking on disk.</summary>
    public IReadOnlyList<string> SystemLibraryNames { get; init; } = DefaultSystemLibraryNames;

    /// <summary>The merged <c>host_runpath_whitelist</c>: absolute RPATH entries matching it are searched.</summary>
    public IReadOnlyList<string> HostRunpathWhitelist { get; init; } = [];

    /// <summary><c>build/missing_dso_whitelist</c> (or <c>missing_dso_allowlist</c>): fnmatch globs over the
    /// library name and over each path it was looked for at; a <c>$RPATH/</c> prefix means "in any directory".</summary>
    public IReadOnlyList<string> MissingDsoWhitelist { get; init; } = [];

    /// <summary>Report problems as errors (conda-build's <c>--error-overlinking</c>) instead of warnings.</summary>
    public bool Strict { get; init; }
}
