namespace CondaRecipes.ExternalCondaBuild;

/// <summary>The package managers that can create the conda-build environment; their CLIs differ slightly.</summary>
public enum CondaToolKind
{
    Conda,
    Mamba,
    Micromamba,
}

/// <summary>A package manager found on this machine: which one, and the absolute path of its executable.</summary>
public sealed record CondaTool(CondaToolKind Kind, string ExecutablePath)
{
    /// <summary>The executable's file name for a kind (<c>conda</c>, <c>mamba</c>, <c>micromamba</c>).</summary>
    public static string ExecutableName(CondaToolKind kind) => kind switch
    {
        CondaToolKind.Conda => "conda",
        CondaToolKind.Mamba => "mamba",
        CondaToolKind.Micromamba => "micromamba",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Tells the kind from an executable's file name (<c>micromamba</c>, <c>mamba.exe</c>, ...); null when unknown.</summary>
    public static CondaToolKind? KindFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        // micromamba before mamba: "micromamba" ends with "mamba".
        if (name.StartsWith("micromamba", StringComparison.Ordinal)) return CondaToolKind.Micromamba;
        if (name.StartsWith("mamba", StringComparison.Ordinal)) return CondaToolKind.Mamba;
        if (name.StartsWith("conda", StringComparison.Ordinal)) return CondaToolKind.Conda;
        return null;
    }
}
