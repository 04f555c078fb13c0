namespace CondaRecipes.Tests.Elf;

/// <summary>
/// A real host-library layout built with gcc: <c>libhostmpi.so</c> in a host tree outside the prefix
/// (standing for /opt/cray), and in the prefix <c>lib/libdemo.so</c> and <c>bin/demo</c> linked with
/// RPATHs to the host tree, to the prefix and to a non-whitelisted outside directory.
/// </summary>
internal sealed class HostRpathTree
{
    public const string NotWhitelisted = "/usr/local/not-whitelisted";
    public const string ExpectedOutput = "demo 42 rank 7";

    public required string Root { get; init; }
    public string HostLib => Path.Combine(Root, "opt-cray", "lib");
    public string Prefix => Path.Combine(Root, "prefix");
    public string WhitelistGlob => Path.Combine(Root, "opt-cray") + "/*";
    public string Demo => Path.Combine(Prefix, "bin", "demo");
    public string LibDemo => Path.Combine(Prefix, "lib", "libdemo.so");

    /// <param name="archFlag">"" or "-m32".</param>
    /// <param name="dtags">"-Wl,--disable-new-dtags" (DT_RPATH) or "-Wl,--enable-new-dtags" (DT_RUNPATH).</param>
    public static HostRpathTree Build(string root, string archFlag, string dtags)
    {
        var tree = new HostRpathTree { Root = root };
        var src = Path.Combine(root, "src");
        Directory.CreateDirectory(tree.HostLib);
        Directory.CreateDirectory(Path.Combine(tree.Prefix, "lib"));
        Directory.CreateDirectory(Path.Combine(tree.Prefix, "bin"));
        Directory.CreateDirectory(Path.Combine(tree.Prefix, "share"));
        File.WriteAllText(Path.Combine(tree.Prefix, "share", "readme.txt"), "not an ELF file\n");

        var arch = archFlag == "" ? Array.Empty<string>() : [archFlag];
        string[] rpaths = ["-Wl,-rpath," + tree.HostLib, "-Wl,-rpath," + Path.Combine(tree.Prefix, "lib"), "-Wl,-rpath," + NotWhitelisted];

        var host = NativeTools.WriteSource(src, "hostmpi.c", "int host_mpi_rank(void) { return 7; }\n");
        NativeTools.Run("gcc", [.. arch, "-shared", "-fPIC", "-Wl,-soname,libhostmpi.so", host, "-o", Path.Combine(tree.HostLib, "libhostmpi.so")]);

        var demo = NativeTools.WriteSource(src, "demo.c", "int host_mpi_rank(void);\nint demo_value(void) { return host_mpi_rank() * 6; }\n");
        NativeTools.Run("gcc", [.. arch, dtags, "-shared", "-fPIC", "-Wl,-soname,libdemo.so", demo, "-L" + tree.HostLib, "-lhostmpi", .. rpaths, "-o", tree.LibDemo]);

        var main = NativeTools.WriteSource(src, "main.c",
            "#include <stdio.h>\nint demo_value(void);\nint host_mpi_rank(void);\n" +
            "int main(void) { printf(\"demo %d rank %d\\n\", demo_value(), host_mpi_rank()); return 0; }\n");
        NativeTools.Run("gcc", [.. arch, dtags, main, "-L" + Path.Combine(tree.Prefix, "lib"), "-ldemo", "-L" + tree.HostLib, "-lhostmpi", .. rpaths, "-o", tree.Demo]);
        return tree;
    }

    public static readonly string[] Files = ["bin/demo", "lib/libdemo.so", "share/readme.txt"];
}
