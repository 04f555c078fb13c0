using System.Text;

namespace CondaRecipes.Elf;

/// <summary>
/// Sets DT_RPATH with patchelf when the string table has no room (no RPATH yet, a longer value) or the old
/// value's bytes are shared with a symbol name. patchelf 0.14 overwrites the old string with 'X's — or,
/// when the new value is shorter, with the new value — even when a symbol name is a suffix of it, which
/// corrupts that symbol. So patchelf is asked for a placeholder longer than both the old and the new
/// value (it then appends a fresh string), the old bytes are put back, and the value is written into the
/// fresh string in place. One process, and the result is checked string by string.
/// </summary>
internal static class PatchelfFallback
{
    /// <returns>null on success, else the failure (prefixed with a code and '|' when it is not CR3002).</returns>
    /// <remarks>The engine reads only headers, tables and the old strings' bytes of the original and writes
    /// only changed bytes of the copy; patchelf (a separate process) does its own reading.</remarks>
    public static string? SetRpath(string path, string value, string patchelf)
    {
        var (before, parsedBefore, otherStringsBefore, oldStrings, oldBytes) = ElfByteSource.UseFile(path, FileAccess.Read, original =>
        {
            var info = ElfParser.Parse(path, original, out var parsed).Info!;
            var strings = new[] { info.Rpath, info.Runpath }.OfType<DynamicString>().DistinctBy(s => s.FileOffset).ToList();
            return (info, parsed!, DynstrReferences.OtherStrings(original), strings,
                strings.Select(s => original.TryRead(s.FileOffset, s.Length)!).ToList());
        });
        var placeholderLength = Math.Max(oldStrings.Select(s => s.Length + 1).DefaultIfEmpty(0).Max(), Encoding.UTF8.GetByteCount(value));

        return VerifiedFileReplace.EditCopyAndReplace(path, copy =>
        {
            string? failure;
            try { failure = Patchelf.SetRpath(patchelf, copy, new string('/', Math.Max(placeholderLength, 1))); }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return $"{ElfErrorCodes.PatchelfNotFound}|patchelf ('{patchelf}') could not be started: {e.Message}";
            }
            if (failure is not null) return failure;

            return ElfByteSource.UseFile(copy, FileAccess.ReadWrite, image =>
            {
                RestoreOverwrittenStrings(image, parsedBefore, oldStrings, oldBytes);
                var expected = new Dictionary<RpathTag, string> { [RpathTag.Rpath] = value };
                var problem = InPlaceRpathWriter.TryRewrite(image, expected);
                if (problem is not null) return $"after patchelf: {problem}";

                problem = InPlaceRpathWriter.Verify(before, ElfParser.Parse(copy, image, out _), expected);
                if (problem is null && otherStringsBefore is not null &&
                    DynstrReferences.OtherStrings(image) is { } after && !after.SequenceEqual(otherStringsBefore))
                    problem = "patchelf changed other dynamic strings (symbol or version names)";
                return problem;
            });
        });
    }

    /// <summary>patchelf copies the string table keeping every offset, then fills the old value with 'X':
    /// put the original bytes back so any name sharing them reads as before.</summary>
    private static void RestoreOverwrittenStrings(ElfByteSource image, ElfImage parsedBefore, List<DynamicString> oldStrings,
        List<byte[]> oldBytes)
    {
        ElfParser.Parse("", image, out var parsedAfter);
        if (parsedAfter is null) return;
        for (var i = 0; i < oldStrings.Count; i++)
        {
            var old = oldStrings[i];
            var relative = old.FileOffset - parsedBefore.DynStrOffset;
            var at = parsedAfter.DynStrOffset + relative;
            if (relative + old.Length > parsedAfter.DynStr.Length || image.TryRead(at, old.Length) is not { } current) continue;
            if (current.AsSpan().ContainsAnyExcept((byte)'X')) continue;
            image.Write(at, oldBytes[i]);
        }
    }
}
