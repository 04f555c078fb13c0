namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// Something on the host that satisfies a requirement without a conda package: a declared
/// <c>CondaExternal</c> item (<c>mpich 3.4 external_cray</c>, a compiler, cmake) or one found by the engine
/// (the variant's Python, a tool on PATH, a package importable by that Python).
/// </summary>
/// <param name="Name">The conda package name it stands for (<c>mpich</c>, <c>gcc_linux-64</c>, <c>python</c>).</param>
/// <param name="Version">Its version when known, for version constraints.</param>
/// <param name="Build">The build string it answers to (<c>external_*</c> specs match it).</param>
/// <param name="Origin">Where it is, for the build log.</param>
public sealed record HostExternal(string Name, string? Version, string Build, string Origin)
{
    public override string ToString() => $"{Name} {Version ?? "*"} {Build} ({Origin})";
}
