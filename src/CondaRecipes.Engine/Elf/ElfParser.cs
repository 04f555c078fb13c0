using System.Text;

namespace CondaRecipes.Elf;

/// <summary>
/// Parses the ELF header, program and section headers, the dynamic section and the dynamic string table
/// from an <see cref="ElfByteSource"/>. Every offset read from the file is bounds-checked; malformed
/// content becomes an <see cref="ElfKind.Invalid"/> result with the reason.
/// </summary>
internal static class ElfParser
{
    private static ReadOnlySpan<byte> Magic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Upper bound on header tables and the string table, so a corrupt count cannot allocate gigabytes.</summary>
    private const int MaxTableBytes = 64 << 20;

    public static ElfReadResult Parse(string path, ElfByteSource source, out ElfImage? image)
    {
        image = null;
        var head = source.TryRead(0, 4);
        if (head is null || !head.AsSpan().SequenceEqual(Magic)) return ElfReadResult.NotElf(path);
        try
        {
            image = ParseImage(source);
            return ToResult(path, image);
        }
        catch (ElfFormatException e)
        {
            image = null;
            return ElfReadResult.Invalid(path, e.Message);
        }
    }

    private static ElfReadResult ToResult(string path, ElfImage image)
    {
        var f = image.Fields;
        if (image.DynStrOffset < 0)
        {
            var what = image.Type switch
            {
                ElfFileInfo.TypeRelocatable => "object file",
                ElfFileInfo.TypeExecutable => "static executable",
                ElfFileInfo.TypeShared => "shared object without a dynamic section (static-pie or stripped)",
                ElfFileInfo.TypeCore => "core file",
                _ => $"ELF type {image.Type}",
            };
            return new ElfReadResult(path, ElfKind.NoDynamicSection, $"no dynamic section: {what}",
                new ElfFileInfo(f.Class, f.Endianness, image.Type, image.Machine, [], null, null, null));
        }

        var needed = new List<string>();
        string? soname = null;
        DynamicString? rpath = null, runpath = null;
        foreach (var e in image.Dynamic)
        {
            switch (e.Tag)
            {
                case DynamicEntry.Needed: needed.Add(StringAt(image, e.Value, "DT_NEEDED").Value); break;
                case DynamicEntry.Soname: soname = StringAt(image, e.Value, "DT_SONAME").Value; break;
                case DynamicEntry.Rpath: rpath ??= StringAt(image, e.Value, "DT_RPATH"); break;
                case DynamicEntry.Runpath: runpath ??= StringAt(image, e.Value, "DT_RUNPATH"); break;
            }
        }
        return new ElfReadResult(path, ElfKind.Dynamic, null,
            new ElfFileInfo(f.Class, f.Endianness, image.Type, image.Machine, needed, soname, rpath, runpath));
    }

    private static DynamicString StringAt(ElfImage image, ulong offset, string tag)
    {
        var table = image.DynStr;
        if (offset >= (ulong)table.Length)
            throw new ElfFormatException($"{tag} string offset {offset} is outside the {table.Length}-byte dynamic string table");
        var start = (int)offset;
        var end = Array.IndexOf(table, (byte)0, start);
        if (end < 0) throw new ElfFormatException($"{tag} string at offset {offset} has no terminating NUL");
        return new DynamicString(Encoding.UTF8.GetString(table, start, end - start), image.DynStrOffset + start, end - start);
    }

    private static ElfImage ParseImage(ElfByteSource src)
    {
        var ident = src.TryRead(0, 16) ?? throw new ElfFormatException($"truncated: {src.Length} bytes, shorter than the ELF identification");
        var cls = ident[4] switch
        {
            1 => ElfClass.Elf32,
            2 => ElfClass.Elf64,
            _ => throw new ElfFormatException($"unknown ELF class {ident[4]}"),
        };
        var endian = ident[5] switch
        {
            1 => ElfEndianness.Little,
            2 => ElfEndianness.Big,
            _ => throw new ElfFormatException($"unknown ELF data encoding {ident[5]}"),
        };
        var f = new ElfFields(cls, endian);
        var headerSize = f.Is64 ? 64 : 52;
        var h = src.TryRead(0, headerSize) ?? throw new ElfFormatException($"truncated: {src.Length} bytes, shorter than the {headerSize}-byte ELF header");

        var type = f.U16(h, 16);
        var machine = f.U16(h, 18);
        var phoff = f.Word(h, f.Is64 ? 32 : 28);
        var shoff = f.Word(h, f.Is64 ? 40 : 32);
        int o = f.Is64 ? 54 : 42;
        int phentsize = f.U16(h, o), phnum = f.U16(h, o + 2), shentsize = f.U16(h, o + 4), shnum = f.U16(h, o + 6);

        var sections = ReadSections(src, f, shoff, shentsize, shnum, out var firstSection);
        if (phnum == 0xffff && firstSection is { } s0) phnum = (int)s0.Info; // PN_XNUM: real count in section 0
        var segments = ReadSegments(src, f, phoff, phentsize, phnum);

        var image = new ElfImage { Fields = f, Type = type, Machine = machine, Segments = segments, Sections = sections };
        return ReadDynamic(src, image);
    }

    private static byte[] ReadTable(ElfByteSource src, ulong offset, long bytes, string what)
    {
        if (bytes > MaxTableBytes) throw new ElfFormatException($"{what} claims {bytes} bytes");
        if (offset > long.MaxValue) throw new ElfFormatException($"{what} offset {offset} is invalid");
        return src.TryRead((long)offset, (int)bytes)
               ?? throw new ElfFormatException($"truncated: {what} at offset {offset} ({bytes} bytes) extends past the end of the file ({src.Length} bytes)");
    }

    private static List<ElfSegment> ReadSegments(ElfByteSource src, ElfFields f, ulong phoff, int entSize, int count)
    {
        var list = new List<ElfSegment>(count);
        if (count == 0 || phoff == 0) return list;
        var min = f.Is64 ? 56 : 32;
        if (entSize < min) throw new ElfFormatException($"program header entry size {entSize} is smaller than {min}");
        var table = ReadTable(src, phoff, (long)entSize * count, "program header table");
        for (var i = 0; i < count; i++)
        {
            var e = table.AsSpan(i * entSize, entSize);
            list.Add(f.Is64
                ? new ElfSegment(f.U32(e, 0), f.U64(e, 8), f.U64(e, 16), f.U64(e, 32))
                : new ElfSegment(f.U32(e, 0), f.U32(e, 4), f.U32(e, 8), f.U32(e, 16)));
        }
        return list;
    }

    private static List<ElfSection> ReadSections(ElfByteSource src, ElfFields f, ulong shoff, int entSize, int count,
        out (uint Info, ulong Size)? first)
    {
        first = null;
        var list = new List<ElfSection>();
        if (shoff == 0) return list;
        var min = f.Is64 ? 64 : 40;
        if (entSize < min) throw new ElfFormatException($"section header entry size {entSize} is smaller than {min}");
        var section0 = ReadTable(src, shoff, entSize, "section header table");
        first = (f.U32(section0, f.Is64 ? 44 : 28), f.Word(section0, f.Is64 ? 32 : 20));
        if (count == 0) count = (int)Math.Min(first.Value.Size, int.MaxValue); // SHN_UNDEF holds the count when ≥ 0xff00
        var table = ReadTable(src, shoff, (long)entSize * count, "section header table");
        for (var i = 0; i < count; i++)
        {
            var e = table.AsSpan(i * entSize, entSize);
            list.Add(f.Is64
                ? new ElfSection(f.U32(e, 4), f.U64(e, 16), f.U64(e, 24), f.U64(e, 32), f.U32(e, 40), f.U64(e, 56))
                : new ElfSection(f.U32(e, 4), f.U32(e, 12), f.U32(e, 16), f.U32(e, 20), f.U32(e, 24), f.U32(e, 36)));
        }
        return list;
    }

    private static ElfImage ReadDynamic(ElfByteSource src, ElfImage image)
    {
        var f = image.Fields;
        ulong dynOffset, dynSize;
        var dynSection = image.Sections.FirstOrDefault(s => s.Type == ElfSection.Dynamic);
        var hasDynSection = image.Sections.Any(s => s.Type == ElfSection.Dynamic);
        var pt = image.Segments.FirstOrDefault(s => s.Type == ElfSegment.Dynamic);
        if (image.Segments.Any(s => s.Type == ElfSegment.Dynamic)) (dynOffset, dynSize) = (pt.Offset, pt.FileSize);
        else if (hasDynSection) (dynOffset, dynSize) = (dynSection.Offset, dynSection.Size);
        else return image;

        var entSize = f.Is64 ? 16 : 8;
        var table = ReadTable(src, dynOffset, (long)(dynSize / (ulong)entSize) * entSize, "dynamic section");
        var entries = new List<DynamicEntry>();
        for (var at = 0; at + entSize <= table.Length; at += entSize)
        {
            var tag = f.Tag(table, at);
            if (tag == DynamicEntry.Null) break;
            entries.Add(new DynamicEntry(tag, f.Word(table, at + entSize / 2)));
        }

        ulong? strTab = null, strSz = null;
        foreach (var e in entries)
        {
            if (e.Tag == DynamicEntry.StrTab) strTab = e.Value;
            else if (e.Tag == DynamicEntry.StrSz) strSz = e.Value;
        }
        if (strTab is null || strSz is null) throw new ElfFormatException("dynamic section has no DT_STRTAB/DT_STRSZ");

        var strOffset = image.FileOffsetOf(strTab.Value, strSz.Value);
        if (strOffset < 0 && hasDynSection && dynSection.Link < image.Sections.Count)
            strOffset = (long)image.Sections[(int)dynSection.Link].Offset; // no load segment maps it: use .dynamic's sh_link
        if (strOffset < 0) throw new ElfFormatException($"DT_STRTAB address 0x{strTab.Value:x} is in no loadable segment");
        var strings = ReadTable(src, (ulong)strOffset, (long)strSz.Value, "dynamic string table");
        return new ElfImage
        {
            Fields = f, Type = image.Type, Machine = image.Machine, Segments = image.Segments, Sections = image.Sections,
            Dynamic = entries, DynStrOffset = strOffset, DynStr = strings,
        };
    }
}
