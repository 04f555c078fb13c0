using System.Buffers.Binary;

namespace CondaRecipes.Elf;

/// <summary>Raised inside the parser for malformed content; <see cref="ElfParser"/> turns it into an
/// <see cref="ElfKind.Invalid"/> result so it never leaves the stage.</summary>
internal sealed class ElfFormatException(string reason) : Exception(reason);

/// <summary>Reads fixed-size fields in the file's byte order and word size.</summary>
internal readonly record struct ElfFields(ElfClass Class, ElfEndianness Endianness)
{
    public bool Is64 => Class == ElfClass.Elf64;
    private bool Big => Endianness == ElfEndianness.Big;

    public ushort U16(ReadOnlySpan<byte> b, int at) =>
        Big ? BinaryPrimitives.ReadUInt16BigEndian(b[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);

    public uint U32(ReadOnlySpan<byte> b, int at) =>
        Big ? BinaryPrimitives.ReadUInt32BigEndian(b[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);

    public ulong U64(ReadOnlySpan<byte> b, int at) =>
        Big ? BinaryPrimitives.ReadUInt64BigEndian(b[at..]) : BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);

    /// <summary>An address/offset/size word: 4 bytes in ELF32, 8 in ELF64.</summary>
    public ulong Word(ReadOnlySpan<byte> b, int at) => Is64 ? U64(b, at) : U32(b, at);

    /// <summary>A signed dynamic tag widened to 64 bits (ELF32 tags such as 0x6ffffffe stay positive).</summary>
    public long Tag(ReadOnlySpan<byte> b, int at) => Is64 ? (long)U64(b, at) : (int)U32(b, at);
}

internal readonly record struct ElfSegment(uint Type, ulong Offset, ulong VirtualAddress, ulong FileSize)
{
    public const uint Load = 1, Dynamic = 2;
}

internal readonly record struct ElfSection(uint Type, ulong Address, ulong Offset, ulong Size, uint Link, ulong EntrySize)
{
    public const uint NoBits = 8, Dynamic = 6, DynSym = 11, GnuVerdef = 0x6ffffffd, GnuVerneed = 0x6ffffffe;
}

internal readonly record struct DynamicEntry(long Tag, ulong Value)
{
    public const long Null = 0, Needed = 1, StrSz = 10, StrTab = 5, Soname = 14, Rpath = 15, Runpath = 29;

    /// <summary>Tags whose value is an offset into the dynamic string table.</summary>
    public static bool IsStringTag(long tag) => tag is Needed or Soname or Rpath or Runpath
        or 0x7ffffffd /* DT_AUXILIARY */ or 0x7fffffff /* DT_FILTER */ or 0x6ffffefa /* DT_CONFIG */
        or 0x6ffffefb /* DT_DEPAUDIT */ or 0x6ffffefc /* DT_AUDIT */;
}

/// <summary>The structure of a parsed ELF image: what the reader reports and what a rewrite needs to check.</summary>
internal sealed class ElfImage
{
    public required ElfFields Fields { get; init; }
    public required ushort Type { get; init; }
    public required ushort Machine { get; init; }
    public required IReadOnlyList<ElfSegment> Segments { get; init; }
    public required IReadOnlyList<ElfSection> Sections { get; init; }
    public IReadOnlyList<DynamicEntry> Dynamic { get; init; } = [];
    /// <summary>File offset and size of the dynamic string table; -1 when there is no dynamic section.</summary>
    public long DynStrOffset { get; init; } = -1;
    public byte[] DynStr { get; init; } = [];

    /// <summary>Maps a virtual address to a file offset through the PT_LOAD segments; -1 when unmapped.</summary>
    public long FileOffsetOf(ulong address, ulong size)
    {
        foreach (var s in Segments)
            if (s.Type == ElfSegment.Load && address >= s.VirtualAddress && address - s.VirtualAddress + size <= s.FileSize)
                return (long)(s.Offset + (address - s.VirtualAddress));
        return -1;
    }
}
