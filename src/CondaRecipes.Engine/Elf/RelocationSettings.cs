namespace CondaRecipes.Elf;

/// <summary>How RPATH strings are written (<c>build/rpaths_patcher</c>).</summary>
public enum RpathPatcher
{
    /// <summary>Rewrite the string table in place when the new value fits; patchelf otherwise.</summary>
    Auto,
    /// <summary>Always patchelf (conda-build's behaviour).</summary>
    Patchelf,
}

/// <summary>The recipe and site settings relocation obeys.</summary>
public sealed record RelocationSettings
{
    /// <summary><c>build/host_runpath_whitelist</c>, site and recipe merged (<see cref="RpathPolicy.MergeWhitelists"/>).</summary>
    public IReadOnlyList<string> HostRunpathWhitelist { get; init; } = [];

    /// <summary><c>build/rpaths</c>: prefix-relative directories appended to every file's search path.</summary>
    public IReadOnlyList<string> Rpaths { get; init; } = RpathPolicy.DefaultRpaths;

    /// <summary><c>build/binary_relocation</c>: false relocates nothing.</summary>
    public bool BinaryRelocation { get; init; } = true;

    /// <summary><c>build/binary_relocation</c> given as a list: fnmatch globs over prefix-relative paths;
    /// only matching files are relocated. Null means every file.</summary>
    public IReadOnlyList<string>? BinaryRelocationFiles { get; init; }

    /// <summary><c>build/rpaths_patcher</c>.</summary>
    public RpathPatcher Patcher { get; init; } = RpathPatcher.Auto;

    /// <summary>The patchelf executable (a name looked up on PATH, or a path).</summary>
    public string PatchelfPath { get; init; } = "patchelf";

    public RpathPolicy Policy => new(HostRunpathWhitelist, Rpaths);

    /// <summary>Whether <paramref name="relativeFile"/> is to be relocated under these settings.</summary>
    public bool Selects(string relativeFile) =>
        BinaryRelocation && (BinaryRelocationFiles is null || FnMatch.IsMatchAny(relativeFile, BinaryRelocationFiles));
}
