namespace CondaRecipes.Elf;

/// <summary>
/// Codes of the ELF stage (range CR3000–CR3999). CR30xx: reading and writing files; CR31xx: the RPATH
/// policy; CR32xx: the linkage check.
/// </summary>
public static class ElfErrorCodes
{
    /// <summary>Warning: a file starts like ELF but is truncated or corrupt; it is left untouched.</summary>
    public const string UnreadableElf = "CR3001";

    /// <summary>Warning (the caller may treat it as fatal): a file could not be read, or its new RPATH could
    /// not be written and verified; the original file is left intact.</summary>
    public const string RpathWriteFailed = "CR3002";

    /// <summary>patchelf was needed (no RPATH/RUNPATH yet, or a longer value) but could not be started.</summary>
    public const string PatchelfNotFound = "CR3003";

    /// <summary>Warning: an absolute RPATH entry outside the host prefix matched no host_runpath_whitelist
    /// pattern and was removed.</summary>
    public const string RpathOutsidePrefixRemoved = "CR3101";

    /// <summary>Warning: a relative RPATH entry that does not start with $ORIGIN was removed (the loader
    /// would resolve it against the working directory).</summary>
    public const string RelativeRpathRemoved = "CR3102";

    /// <summary>Warning (error in strict mode): a DT_NEEDED library resolves nowhere allowed.</summary>
    public const string MissingDso = "CR3201";

    /// <summary>Warning (error in strict mode): a DT_NEEDED library is in the package but on none of the
    /// file's RPATH directories, so the loader will not find it once installed.</summary>
    public const string DsoNotOnRpath = "CR3202";
}
