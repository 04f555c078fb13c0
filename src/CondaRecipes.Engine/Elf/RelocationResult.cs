namespace CondaRecipes.Elf;

public enum RelocationOutcome
{
    /// <summary>Not an ELF file (left alone).</summary>
    NotElf,
    /// <summary>A symbolic link: its target is relocated under its own name, if listed.</summary>
    Symlink,
    /// <summary>ELF without a dynamic section: static executable or object file; nothing to do.</summary>
    NoDynamicSection,
    /// <summary>Truncated or corrupt ELF: left unchanged, CR3001 reported.</summary>
    Invalid,
    /// <summary>Excluded by <c>build/binary_relocation</c>.</summary>
    NotSelected,
    /// <summary>The policy produced the value already there.</summary>
    Unchanged,
    /// <summary>A new value was written and verified.</summary>
    Rewritten,
    /// <summary>The write failed; the original file is intact and CR3002/CR3003 reported.</summary>
    Failed,
}

public enum RpathWriteMethod { None, InPlace, Patchelf }

/// <summary>What relocation did to one file.</summary>
/// <param name="RelativePath">The file, relative to the host prefix.</param>
/// <param name="Tag">The tag written (or that would have been), null when nothing was considered.</param>
/// <param name="OldValue">The value before (the effective one: RUNPATH when present, else RPATH).</param>
/// <param name="NewValue">The value the policy produced.</param>
/// <param name="Detail">Why in place was not used, or why the write failed.</param>
public sealed record RelocationResult(string RelativePath, RelocationOutcome Outcome, RpathWriteMethod Method = RpathWriteMethod.None,
    RpathTag? Tag = null, string? OldValue = null, string? NewValue = null, string? Detail = null);
