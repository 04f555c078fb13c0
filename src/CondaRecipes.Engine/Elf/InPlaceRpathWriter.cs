using System.Text;

namespace CondaRecipes.Elf;

/// <summary>
/// Rewrites DT_RPATH/DT_RUNPATH strings inside the dynamic string table of an image (a file opened for
/// writing, or a buffer), without a process and without reading the file whole: the new value takes the
/// old string's bytes and the rest is NUL-padded, so no offset in the file moves. The tag is untouched (RPATH stays RPATH, RUNPATH stays RUNPATH).
/// </summary>
internal static class InPlaceRpathWriter
{
    /// <summary>The refusal when the old string's bytes are shared with another string (see <see cref="DynstrReferences"/>).</summary>
    public const string SharedBytes = "another dynamic string shares the old value's bytes";

    /// <summary>The refusal when the other users of the string table cannot all be found.</summary>
    public const string UnknownReferences = "the string table's other users cannot all be located (no section headers)";

    /// <summary>Why <paramref name="changes"/> cannot be written in place in <paramref name="image"/>, or null
    /// when they fit; reads only the headers and the tables the check needs, and writes nothing.</summary>
    public static string? WhyNot(ElfByteSource image, IReadOnlyDictionary<RpathTag, string> changes) =>
        Plan(image, changes, out _, out _);

    /// <summary>Applies <paramref name="changes"/> to <paramref name="image"/>, writing only the changed
    /// string bytes. Returns null on success, or why the rewrite is not possible in place (the image is then
    /// unchanged).</summary>
    public static string? TryRewrite(ElfByteSource image, IReadOnlyDictionary<RpathTag, string> changes)
    {
        var refusal = Plan(image, changes, out var info, out var targets);
        if (refusal is not null) return refusal;

        var otherStringsBefore = DynstrReferences.OtherStrings(image);
        var backup = targets.Select(t => image.TryRead(t.Where.FileOffset, t.Where.Length)!).ToList();
        foreach (var (where, bytes) in targets)
        {
            var span = new byte[where.Length];
            bytes.CopyTo(span, 0);
            image.Write(where.FileOffset, span);
        }

        var after = ElfParser.Parse("", image, out _);
        var problem = Verify(info!, after, changes);
        if (problem is null && (otherStringsBefore is null || DynstrReferences.OtherStrings(image) is not { } now || !now.SequenceEqual(otherStringsBefore)))
            problem = "the rewrite would change other dynamic strings (symbol or version names)";
        if (problem is null) return null;
        for (var i = 0; i < targets.Count; i++) image.Write(targets[i].Where.FileOffset, backup[i]);
        return problem;
    }

    /// <summary>Where each new value goes, or why it cannot go there.</summary>
    private static string? Plan(ElfByteSource image, IReadOnlyDictionary<RpathTag, string> changes,
        out ElfFileInfo? info, out List<(DynamicString Where, byte[] Bytes)> targets)
    {
        targets = [];
        var before = ElfParser.Parse("", image, out var parsed);
        info = before.Info;
        if (before.Kind != ElfKind.Dynamic || parsed is null) return before.Reason ?? "no dynamic section";

        foreach (var (tag, value) in changes)
        {
            var where = info!.Get(tag);
            if (where is null) return $"the file has no DT_{tag.ToString().ToUpperInvariant()}";
            var bytes = Encoding.UTF8.GetBytes(value);
            if (bytes.Length > where.Length) return $"the new value ({bytes.Length} bytes) is longer than the old one ({where.Length} bytes)";
            targets.Add((where, bytes));
        }

        var references = DynstrReferences.Collect(parsed, image);
        if (references is null) return UnknownReferences;
        var rewritten = changes.Keys.Select(t => (long)t).ToHashSet();
        foreach (var (where, _) in targets)
        {
            var start = (ulong)(where.FileOffset - parsed.DynStrOffset);
            var shared = references.Any(r => !(rewritten.Contains(r.Tag) && r.Offset == start)
                                             && r.Offset >= start && r.Offset <= start + (ulong)where.Length);
            if (shared) return SharedBytes;
        }
        return null;
    }

    /// <summary>Checks that a rewritten image reads back with the new values and everything else the same.</summary>
    internal static string? Verify(ElfFileInfo before, ElfReadResult after, IReadOnlyDictionary<RpathTag, string> expected)
    {
        if (after.Kind != ElfKind.Dynamic) return $"the rewritten file no longer reads as a dynamic ELF file ({after.Reason})";
        var a = after.Info!;
        if (!a.Needed.SequenceEqual(before.Needed) || a.Soname != before.Soname)
            return "the rewritten file's DT_NEEDED or DT_SONAME changed";
        foreach (var (tag, value) in expected)
            if (a.Get(tag)?.Value != value)
                return $"the rewritten file's DT_{tag.ToString().ToUpperInvariant()} reads '{a.Get(tag)?.Value}', expected '{value}'";
        return null;
    }
}
