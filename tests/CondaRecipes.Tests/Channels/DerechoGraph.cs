using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Channels.Solving;
using static CondaRecipes.Tests.Channels.SyntheticChannel;

namespace CondaRecipes.Tests.Channels;

/// <summary>
/// The Derecho dependency graph as two channels on disk: the local <c>output</c> channel with the site
/// builds (build number 1000, build strings <c>derecho*</c>) and an ordinary <c>conda-forge</c>.
/// </summary>
internal static class DerechoGraph
{
    public static IReadOnlyList<PackageRecord> Output(bool withMpi4py = true) =>
    [
        Rec("nccl", "2.21.5.1", "derecho_1000", 1000),
        .. withMpi4py
            ? new[]
            {
                Rec("mpi4py", "4.0.3", "derecho_py3.11_1000", 1000, ["python 3.11.*", "mpich"]),
                Rec("mpi4py", "4.0.3", "derecho_py3.12_1000", 1000, ["python 3.12.*", "mpich"]),
            }
            : [],
        Rec("jaxlib", "0.4.38", "derecho_py3.11_1000", 1000, ["python 3.11.*", "numpy >=1.24", "nccl =*=derecho*"]),
        Rec("jax", "0.4.38", "derecho_1000", 1000, ["jaxlib ==0.4.38=derecho*", "python >=3.10", "numpy >=1.24"], subdir: "noarch"),
        Rec("mpi4jax", "0.7.1", "derecho_py3.11_1000", 1000, ["mpi4py =*=derecho*", "jax >=0.4.30", "python 3.11.*"]),
        Rec("pytorch", "2.7.0", "derecho_py3.11_1000", 1000, ["nccl =*=derecho*", "python 3.11.*", "numpy"]),
        Rec("torchvision", "0.22.0", "derecho_py3.11_1000", 1000, ["pytorch ==2.7.0", "python 3.11.*"]),
        Rec("tqdm", "4.66.0", "derecho_0", 0, ["python >=3.10"], subdir: "noarch"),
    ];

    public static IReadOnlyList<PackageRecord> CondaForge() =>
    [
        Rec("nccl", "2.21.5.1", "h6103f9b_0", 0, timestamp: 1_730_000_000_000),
        Rec("mpi4py", "4.0.3", "py311h1234567_0", 0, ["python 3.11.*", "mpich >=4"]),
        Rec("mpich", "4.2.3", "h0_100", 100),
        Rec("numpy", "1.26.4", "py311h64a7726_0", 0, ["python 3.11.*"]),
        Rec("numpy", "2.2.1", "py311hf916de5_0", 0, ["python 3.11.*"]),
        Rec("numpy", "2.2.1", "py312h72c5963_0", 0, ["python 3.12.*"]),
        Rec("jaxlib", "0.4.38", "cpu_py311h0a8b4a2_0", 0, ["python 3.11.*", "numpy >=1.24"]),
        Rec("jax", "0.4.38", "pyhd8ed1ab_0", 0, ["jaxlib >=0.4.38,<=0.4.38", "python >=3.10"], subdir: "noarch"),
        Rec("pytorch", "2.7.0", "cpu_generic_py311_0", 0, ["python 3.11.*", "numpy"]),
        Rec("torchvision", "0.22.0", "cpu_py311_0", 0, ["pytorch 2.7.*", "python 3.11.*"]),
        Rec("mpi4jax", "0.7.1", "py311h_0", 0, ["mpi4py >=3", "jax", "python 3.11.*"]),
        Rec("tqdm", "4.67.1", "pyhd8ed1ab_0", 0, ["python >=3.7"], subdir: "noarch"),
    ];

    /// <summary>Writes both channels under <paramref name="dir"/> and reads them back, output first, with the Pythons as externals.</summary>
    public static PackagePool Pool(string dir, bool withMpi4py = true, bool mpichExternal = true)
    {
        var output = Write(Path.Combine(dir, "output"), Output(withMpi4py));
        var forge = Write(Path.Combine(dir, "conda-forge"), CondaForge());
        var pool = PackagePool.FromChannels([ChannelSource.Create(output), ChannelSource.Create(forge)], "linux-64");
        pool.AddExternal("python", "3.10.14", "external_pyenv");
        pool.AddExternal("python", "3.11.7", "external_pyenv");
        pool.AddExternal("python", "3.12.4", "external_pyenv");
        if (mpichExternal) pool.AddExternal("mpich", "3.4", "external_host");
        return pool;
    }
}
