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
    public static string? SetRpath(string path, byte[] original, string value, string patchelf)
    {
        var source = new ElfByteSource.Memory(original);
        var before = ElfParser.Parse(path, source, out var parsedBefore).Info!;
        var otherStringsBefore = DynstrReferences.OtherStrings(original);
        var oldStrings = new[] { before.Rpath, before.Runpath }.OfType<DynamicString>().DistinctBy(s => s.FileOffset).ToList();
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

            var image = File.ReadAllBytes(copy);
            RestoreOverwrittenStrings(image, original, parsedBefore!, oldStrings);
            var expected = new Dictionary<RpathTag, string> { [RpathTag.Rpath] = value };
            failure = InPlaceRpathWriter.TryRewrite(image, expected);
            if (failure is not null) return $"after patchelf: {failure}";

            failure = InPlaceRpathWriter.Verify(before, ElfReader.Read(copy, image), expected);
            if (failure is null && otherStringsBefore is not null &&
                DynstrReferences.OtherStrings(image) is { } after && !after.SequenceEqual(otherStringsBefore))
                failure = "patchelf changed other dynamic strings (symbol or version names)";
            if (failure is null) File.WriteAllBytes(copy, image);
            return failure;
        });
    }

    /// <summary>patchelf copies the string table keeping every offset, then fills the old value with 'X':
    /// put the original bytes back so any name sharing them reads as before.</summary>
    private static void RestoreOverwrittenStrings(byte[] image, byte[] original, ElfImage parsedBefore, List<DynamicString> oldStrings)
    {
        ElfParser.Parse("", new ElfByteSource.Memory(image), out var parsedAfter);
        if (parsedAfter is null) return;
        foreach (var old in oldStrings)
        {
            var relative = old.FileOffset - parsedBefore.DynStrOffset;
            var at = parsedAfter.DynStrOffset + relative;
            if (relative + old.Length > parsedAfter.DynStr.Length || at + old.Length > image.Length) continue;
            var span = image.AsSpan((int)at, old.Length);
            if (span.ContainsAnyExcept((byte)'X')) continue;
            original.AsSpan((int)old.FileOffset, old.Length).CopyTo(span);
        }
    }
}
