namespace CondaRecipes.Elf;

/// <summary>What <see cref="ElfReader"/> found in a file.</summary>
public enum ElfKind
{
    /// <summary>Does not start with the ELF magic (text, script, archive, file shorter than 4 bytes).</summary>
    NotElf,
    /// <summary>An ELF file with a dynamic section (shared library, dynamic executable, static-pie).</summary>
    Dynamic,
    /// <summary>A valid ELF file without a dynamic section: a static executable, an object file, a core.</summary>
    NoDynamicSection,
    /// <summary>Starts with the ELF magic but is truncated or corrupt; <see cref="ElfReadResult.Reason"/> says why.</summary>
    Invalid,
}

public enum ElfClass { Elf32 = 1, Elf64 = 2 }

public enum ElfEndianness { Little = 1, Big = 2 }

/// <summary>The two dynamic tags that carry a library search path.</summary>
public enum RpathTag
{
    /// <summary>DT_RPATH (15): searched before LD_LIBRARY_PATH; what conda-build writes.</summary>
    Rpath = 15,
    /// <summary>DT_RUNPATH (29): searched after LD_LIBRARY_PATH; ld's default with --enable-new-dtags.</summary>
    Runpath = 29,
}

/// <summary>A string of the dynamic string table and where its bytes are in the file.</summary>
/// <param name="Value">The string (UTF-8 decoded).</param>
/// <param name="FileOffset">File offset of its first byte.</param>
/// <param name="Length">Its length in bytes, without the terminating NUL: the room an in-place rewrite has.</param>
public sealed record DynamicString(string Value, long FileOffset, int Length);

/// <summary>The parts of an ELF file the relocation and linkage stages use.</summary>
public sealed record ElfFileInfo(
    ElfClass Class,
    ElfEndianness Endianness,
    ushort Type,
    ushort Machine,
    IReadOnlyList<string> Needed,
    string? Soname,
    DynamicString? Rpath,
    DynamicString? Runpath)
{
    public const ushort TypeRelocatable = 1, TypeExecutable = 2, TypeShared = 3, TypeCore = 4;

    /// <summary>The search path entries the loader uses: RUNPATH when present (the loader then ignores
    /// RPATH), else RPATH; empty entries dropped.</summary>
    public IReadOnlyList<string> EffectiveSearchPath =>
        SplitPath((Runpath ?? Rpath)?.Value);

    public DynamicString? Get(RpathTag tag) => tag == RpathTag.Rpath ? Rpath : Runpath;

    internal static IReadOnlyList<string> SplitPath(string? value) =>
        value is null ? [] : value.Split(':', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The outcome of reading one file; never an exception for bad content.</summary>
/// <param name="Path">The path that was read.</param>
/// <param name="Kind">What the file is.</param>
/// <param name="Reason">Why the file is <see cref="ElfKind.Invalid"/>, or what it is when it has no dynamic
/// section (e.g. "object file"); null otherwise.</param>
/// <param name="Info">Header and dynamic-section facts; null for <see cref="ElfKind.NotElf"/> and
/// <see cref="ElfKind.Invalid"/>.</param>
public sealed record ElfReadResult(string Path, ElfKind Kind, string? Reason, ElfFileInfo? Info)
{
    internal static ElfReadResult NotElf(string path) => new(path, ElfKind.NotElf, null, null);
    internal static ElfReadResult Invalid(string path, string reason) => new(path, ElfKind.Invalid, reason, null);

    /// <summary>The CR3001 warning for an <see cref="ElfKind.Invalid"/> file, naming it as <paramref name="displayPath"/>.</summary>
    public Diagnostics.Diagnostic ToWarning(string displayPath) =>
        Diagnostics.Diagnostic.Warning(ElfErrorCodes.UnreadableElf,
            $"'{displayPath}' starts like an ELF file but cannot be read ({Reason}); it is left unchanged.", displayPath);
}
