namespace CondaRecipes.Pipeline.Script;

/// <summary>
/// The variables conda-forge's compiler packages export when they are activated in a build (the
/// <c>gcc_linux-64</c>, <c>gxx_linux-64</c>, <c>gfortran_linux-64</c> activation scripts and their binutils),
/// mapped to the host toolchain that satisfies <c>compiler('c')</c>, <c>compiler('cxx')</c>,
/// <c>compiler('fortran')</c>: <c>CC</c>, <c>CPP</c>, <c>CXX</c>, <c>FC</c>/<c>F77</c>/<c>F90</c>/<c>F95</c>, the binutils
/// (<c>AR</c>, <c>LD</c>, <c>NM</c>, <c>RANLIB</c>, …) found on PATH, and <c>CFLAGS</c>, <c>CXXFLAGS</c>, <c>CPPFLAGS</c>,
/// <c>LDFLAGS</c>, <c>FFLAGS</c> with conda-forge's optimisation flags for the platform plus the ones that point
/// at the host prefix (<c>-isystem $PREFIX/include</c>, <c>-Wl,-rpath,$PREFIX/lib -L$PREFIX/lib</c>). A C++ or
/// Fortran compiler brings the C activation too, as conda-forge's packages depend on the C compiler. As in
/// those scripts, a flags variable that is already set is kept, while programs are set.
/// </summary>
public static class CompilerActivation
{
    /// <summary>One compiler of the build environment: its language (c, cxx, fortran) and the host command.</summary>
    public sealed record Compiler(string Language, string Command);

    private static readonly (string Variable, string Tool)[] Binutils =
    [
        ("AR", "ar"), ("AS", "as"), ("LD", "ld"), ("NM", "nm"), ("OBJCOPY", "objcopy"), ("OBJDUMP", "objdump"),
        ("RANLIB", "ranlib"), ("STRIP", "strip"), ("READELF", "readelf"), ("SIZE", "size"), ("STRINGS", "strings"),
        ("ADDR2LINE", "addr2line"), ("ELFEDIT", "elfedit"),
    ];

    /// <summary>The activation variables; <paramref name="find"/> locates a command on PATH (null when absent).</summary>
    /// <param name="programs">Receives the names that are programs (set even when the caller's environment has them).</param>
    public static Dictionary<string, string> Variables(IReadOnlyList<Compiler> compilers, BuildScriptContext c,
        Func<string, string?> find, out IReadOnlySet<string> programs)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var progs = new HashSet<string>(StringComparer.Ordinal);
        programs = progs;
        if (compilers.Count == 0) return env;

        void Program(string variable, string? path)
        {
            if (path is null) return;
            env[variable] = path;
            progs.Add(variable);
        }

        var flags = PlatformFlags.For(c.Subdir);
        string include = $"-isystem {c.Prefix}/include";
        string debugMaps = $"-fdebug-prefix-map={c.SrcDir}=/usr/local/src/conda/{c.PackageName}-{c.PackageVersion} -fdebug-prefix-map={c.Prefix}=/usr/local/src/conda-prefix";

        foreach (var (variable, tool) in Binutils) Program(variable, find(tool));

        var cCompiler = compilers.FirstOrDefault(x => x.Language == "c")
            ?? (compilers.Any(x => x.Language is "cxx" or "fortran") && find("gcc") is { } gcc ? new Compiler("c", gcc) : null);
        if (cCompiler is not null)
        {
            Program("CC", cCompiler.Command);
            Program("CC_FOR_BUILD", cCompiler.Command);
            Program("GCC", find("gcc"));
            Program("CPP", find("cpp"));
            Program("GCC_AR", find("gcc-ar"));
            Program("GCC_NM", find("gcc-nm"));
            Program("GCC_RANLIB", find("gcc-ranlib"));
            env["CFLAGS"] = $"{flags.Optimise} {include} {debugMaps}";
            env["DEBUG_CFLAGS"] = $"{flags.Debug} {include} {debugMaps}";
            env["CPPFLAGS"] = $"-DNDEBUG -D_FORTIFY_SOURCE=2 -O2 {include}";
            env["DEBUG_CPPFLAGS"] = $"-D_DEBUG -D_FORTIFY_SOURCE=2 -Og {include}";
            env["LDFLAGS"] = $"{flags.Link} -Wl,-rpath,{c.Prefix}/lib -Wl,-rpath-link,{c.Prefix}/lib -L{c.Prefix}/lib";
            env["CMAKE_PREFIX_PATH"] = c.Prefix;
        }
        if (compilers.FirstOrDefault(x => x.Language == "cxx") is { } cxx)
        {
            Program("CXX", cxx.Command);
            Program("CXX_FOR_BUILD", cxx.Command);
            Program("GXX", find("g++"));
            env["CXXFLAGS"] = $"-fvisibility-inlines-hidden -fmessage-length=0 {flags.Optimise} {include} {debugMaps}";
            env["DEBUG_CXXFLAGS"] = $"-fvisibility-inlines-hidden -fmessage-length=0 {flags.Debug} {include} {debugMaps}";
        }
        if (compilers.FirstOrDefault(x => x.Language == "fortran") is { } fortran)
        {
            foreach (var name in new[] { "FC", "F77", "F90", "F95", "FC_FOR_BUILD" }) Program(name, fortran.Command);
            Program("GFORTRAN", find("gfortran"));
            env["FFLAGS"] = $"{flags.Optimise} {include} {debugMaps}";
            env["FORTRANFLAGS"] = env["FFLAGS"];
            env["DEBUG_FFLAGS"] = $"{flags.Debug} {include} {debugMaps}";
            env["DEBUG_FORTRANFLAGS"] = env["DEBUG_FFLAGS"];
        }
        return env;
    }

    /// <summary>conda-forge's compiler flags for one platform (its activation packages' configuration).</summary>
    private sealed record PlatformFlags(string Optimise, string Debug, string Link)
    {
        private const string X86Tuning = "-march=nocona -mtune=haswell";
        private const string FullLink = "-Wl,-O2 -Wl,--sort-common -Wl,--as-needed -Wl,-z,relro -Wl,-z,now -Wl,--disable-new-dtags -Wl,--gc-sections -Wl,--allow-shlib-undefined";
        private const string ShortLink = "-Wl,-O2 -Wl,--sort-common -Wl,--as-needed -Wl,-z,relro -Wl,-z,now -Wl,--allow-shlib-undefined";

        public static PlatformFlags For(string subdir) => subdir switch
        {
            "linux-64" => new(
                $"{X86Tuning} -ftree-vectorize -fPIC -fstack-protector-strong -fno-plt -O2 -ffunction-sections -pipe",
                $"{X86Tuning} -ftree-vectorize -fPIC -fstack-protector-all -fno-plt -Og -g -Wall -Wextra -fvar-tracking-assignments -ffunction-sections -pipe",
                FullLink),
            "linux-ppc64le" => new(
                "-mcpu=power8 -mtune=power8 -ftree-vectorize -fPIC -fstack-protector-strong -fno-plt -O3 -pipe",
                "-mcpu=power8 -mtune=power8 -ftree-vectorize -fPIC -fstack-protector-all -fno-plt -Og -g -Wall -Wextra -fvar-tracking-assignments -pipe",
                ShortLink),
            "linux-aarch64" => new(
                "-ftree-vectorize -fPIC -fstack-protector-strong -fno-plt -O3 -pipe",
                "-ftree-vectorize -fPIC -fstack-protector-all -fno-plt -Og -g -Wall -Wextra -fvar-tracking-assignments -pipe",
                ShortLink),
            _ => new("-fPIC -O2 -pipe", "-fPIC -Og -g -Wall -Wextra -pipe", "-Wl,-O2"),
        };
    }
}
