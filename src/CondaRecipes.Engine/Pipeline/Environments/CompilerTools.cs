using System.Text.RegularExpressions;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// The conda names of compilers and build tools and the host commands that stand for them, so
/// <c>{{ compiler('c') }}</c> (rendered as <c>gcc_linux-64</c>) is satisfied by the host's gcc. A compiler or
/// stdlib package is <c>{base}_{target_platform}</c>; the base decides the command and the language.
/// </summary>
public static partial class CompilerTools
{
    /// <summary>A compiler's command and the language it compiles (<c>c</c>, <c>cxx</c>, <c>fortran</c>, <c>cuda</c>).</summary>
    public sealed record Toolchain(string Command, string? Language);

    // Bases of compiler('…') and stdlib('…') packages. The C library (stdlib 'c', conda-forge's sysroot) is the
    // host's own; its linker stands for it.
    private static readonly Dictionary<string, Toolchain> Bases = new(StringComparer.Ordinal)
    {
        ["gcc"] = new("gcc", "c"), ["clang"] = new("clang", "c"),
        ["gxx"] = new("g++", "cxx"), ["clangxx"] = new("clang++", "cxx"),
        ["gfortran"] = new("gfortran", "fortran"), ["flang"] = new("flang", "fortran"),
        ["cuda"] = new("nvcc", "cuda"), ["cuda-nvcc"] = new("nvcc", "cuda"),
        ["sysroot"] = new("ld", null), ["c"] = new("ld", null),
    };

    private static readonly Dictionary<string, Toolchain> Packages = new(StringComparer.Ordinal)
    {
        ["c-compiler"] = new("gcc", "c"), ["cxx-compiler"] = new("g++", "cxx"), ["fortran-compiler"] = new("gfortran", "fortran"),
        ["gcc"] = new("gcc", "c"), ["gxx"] = new("g++", "cxx"), ["gfortran"] = new("gfortran", "fortran"), ["clang"] = new("clang", "c"),
        ["binutils"] = new("ld", null), ["cuda-nvcc"] = new("nvcc", "cuda"),
        ["make"] = new("make", null), ["cmake"] = new("cmake", null), ["ninja"] = new("ninja", null),
        ["pkg-config"] = new("pkg-config", null), ["autoconf"] = new("autoconf", null), ["automake"] = new("automake", null),
        ["libtool"] = new("libtool", null), ["patch"] = new("patch", null), ["git"] = new("git", null), ["m4"] = new("m4", null),
        ["bison"] = new("bison", null), ["flex"] = new("flex", null), ["patchelf"] = new("patchelf", null),
        ["unzip"] = new("unzip", null), ["bash"] = new("bash", null), ["perl"] = new("perl", null),
        ["mpich"] = new("mpicc", null), ["openmpi"] = new("mpicc", null),
    };

    [GeneratedRegex(@"^(?<base>.+)_(?<platform>linux|osx|win|emscripten|wasi)-[a-z0-9]+$")]
    private static partial Regex PlatformPackage();

    /// <summary>The host command that stands for a conda tool package, or null.</summary>
    public static string? Command(string packageName) => Find(packageName)?.Command;

    /// <summary>The toolchain a package name stands for, or null when it is no known tool.</summary>
    public static Toolchain? Find(string packageName)
    {
        if (Packages.TryGetValue(packageName, out var tool)) return tool;
        var m = PlatformPackage().Match(packageName);
        return m.Success && Bases.TryGetValue(m.Groups["base"].Value, out var compiler) ? compiler : null;
    }

    /// <summary>The full path of a command on PATH, or null.</summary>
    public static string? FindOnPath(string command, string path) =>
        path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
