namespace CondaRecipes.Elf;

/// <summary>
/// Every offset into the dynamic string table that something in the file points at: string-valued
/// dynamic tags, dynamic symbol names, and version needs/definitions. The linker may share a string's
/// tail with another (suffix merging), so an in-place rewrite is only safe when nothing else points into
/// the bytes being replaced.
/// </summary>
internal static class DynstrReferences
{
    private const uint StrTabType = 3;

    /// <summary>The referenced offsets, or null when they cannot all be known (no section headers, a
    /// symbol table the headers do not describe, malformed tables); callers treat null as "not safe".</summary>
    public static List<(long Tag, ulong Offset)>? Collect(ElfImage image, ElfByteSource src)
    {
        var refs = image.Dynamic.Where(e => DynamicEntry.IsStringTag(e.Tag)).Select(e => (e.Tag, e.Value)).ToList();
        if (image.Sections.Count == 0) return null;
        var dynstrIndex = -1;
        for (var i = 0; i < image.Sections.Count; i++)
            if (image.Sections[i].Type == StrTabType && (long)image.Sections[i].Offset == image.DynStrOffset) dynstrIndex = i;
        if (dynstrIndex < 0) return null;

        var f = image.Fields;
        var sawDynsym = false;
        try
        {
            foreach (var s in image.Sections.Where(s => s.Link == dynstrIndex && s.Type != ElfSection.NoBits))
            {
                if (s.Size > 64 << 20) return null;
                byte[]? table = s.Type is ElfSection.DynSym or ElfSection.GnuVerneed or ElfSection.GnuVerdef
                    ? src.TryRead((long)s.Offset, (int)s.Size) : null;
                switch (s.Type)
                {
                    case ElfSection.DynSym when table is not null:
                        sawDynsym = true;
                        var entSize = s.EntrySize == 0 ? (ulong)(f.Is64 ? 24 : 16) : s.EntrySize;
                        for (ulong at = 0; at + entSize <= (ulong)table.Length; at += entSize)
                            refs.Add((-1, f.U32(table, (int)at)));
                        break;
                    case ElfSection.GnuVerneed when table is not null:
                        for (int at = 0, guard = 0; guard++ < 4096; )
                        {
                            refs.Add((-2, f.U32(table, at + 4)));
                            var aux = at + (int)f.U32(table, at + 8);
                            for (int n = f.U16(table, at + 2); n-- > 0; aux += (int)f.U32(table, aux + 12))
                                refs.Add((-2, f.U32(table, aux + 8)));
                            var next = (int)f.U32(table, at + 12);
                            if (next == 0) break;
                            at += next;
                        }
                        break;
                    case ElfSection.GnuVerdef when table is not null:
                        for (int at = 0, guard = 0; guard++ < 4096; )
                        {
                            var aux = at + (int)f.U32(table, at + 12);
                            for (int n = f.U16(table, at + 6); n-- > 0; aux += (int)f.U32(table, aux + 4))
                                refs.Add((-3, f.U32(table, aux)));
                            var next = (int)f.U32(table, at + 16);
                            if (next == 0) break;
                            at += next;
                        }
                        break;
                    case ElfSection.DynSym or ElfSection.GnuVerneed or ElfSection.GnuVerdef:
                        return null; // described but unreadable
                }
            }
        }
        catch (ArgumentOutOfRangeException) { return null; } // an index in a version table points outside it
        var hasSymtabTag = image.Dynamic.Any(e => e.Tag == 6 /* DT_SYMTAB */);
        return hasSymtabTag && !sawDynsym ? null : refs;
    }

    /// <summary>The strings every reference other than DT_RPATH/DT_RUNPATH points at, in a stable order, so a
    /// rewrite can prove it changed nothing but the search path. Null when they cannot all be located.</summary>
    public static List<string>? OtherStrings(ElfByteSource source)
    {
        if (ElfParser.Parse("", source, out var parsed).Kind != ElfKind.Dynamic || parsed is null) return null;
        var refs = Collect(parsed, source);
        if (refs is null) return null;
        var table = parsed.DynStr;
        var strings = new List<string>(refs.Count);
        // By kind, then in table order: patchelf may renumber sections, which changes the order of kinds.
        foreach (var (tag, offset) in refs.OrderBy(r => r.Tag))
        {
            if (tag is DynamicEntry.Rpath or DynamicEntry.Runpath) continue;
            if (offset >= (ulong)table.Length) return null;
            var end = Array.IndexOf(table, (byte)0, (int)offset);
            strings.Add(end < 0 ? "" : System.Text.Encoding.UTF8.GetString(table, (int)offset, end - (int)offset));
        }
        return strings;
    }
}
