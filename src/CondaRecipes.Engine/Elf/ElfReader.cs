using Microsoft.Win32.SafeHandles;

namespace CondaRecipes.Elf;

/// <summary>
/// Reads the header and dynamic section of an ELF file (ELF32/ELF64, either byte order) by hand. A file
/// that does not start with the ELF magic costs one 4-byte read. Bad content is a result, not an
/// exception; only I/O failures to open the file (missing, unreadable) throw.
/// </summary>
public static class ElfReader
{
    public static ElfReadResult Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(path, handle);
    }

    /// <summary>Reads an image already in memory (e.g. one about to be written).</summary>
    public static ElfReadResult Read(string path, byte[] image) =>
        ElfParser.Parse(path, new ElfByteSource.Memory(image), out _);

    internal static ElfReadResult Read(string path, SafeFileHandle handle) =>
        ElfParser.Parse(path, new ElfByteSource.File(handle), out _);
}
