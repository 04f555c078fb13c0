namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// The conda names of compilers and build tools and the host commands that stand for them, so
/// <c>{{ compiler('c') }}</c> (rendered as <c>gcc_linux-64</c>) is satisfied by the host's gcc.
/// </summary>
public static class CompilerTools
{
    private static readonly Dictionary<string, string> CommandFor = new(StringComparer.Ordinal)
    {
        ["gcc_linux-64"] = "gcc", ["gxx_linux-64"] = "g++", ["gfortran_linux-64"] = "gfortran",
        ["c-compiler"] = "gcc", ["cxx-compiler"] = "g++", ["fortran-compiler"] = "gfortran",
        ["gcc"] = "gcc", ["gxx"] = "g++", ["gfortran"] = "gfortran", ["clang"] = "clang",
        ["sysroot_linux-64"] = "ld", ["binutils"] = "ld", ["cuda-nvcc"] = "nvcc",
        ["make"] = "make", ["cmake"] = "cmake", ["ninja"] = "ninja", ["pkg-config"] = "pkg-config",
        ["autoconf"] = "autoconf", ["automake"] = "automake", ["libtool"] = "libtool", ["patch"] = "patch",
        ["git"] = "git", ["m4"] = "m4", ["bison"] = "bison", ["flex"] = "flex", ["patchelf"] = "patchelf",
        ["unzip"] = "unzip", ["bash"] = "bash", ["perl"] = "perl", ["mpich"] = "mpicc", ["openmpi"] = "mpicc",
    };

    /// <summary>The host command that stands for a conda tool package, or null.</summary>
    public static string? Command(string packageName) => CommandFor.GetValueOrDefault(packageName);

    /// <summary>The full path of a command on PATH, or null.</summary>
    public static string? FindOnPath(string command, string path) =>
        path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
