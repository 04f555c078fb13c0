using CondaRecipes.Diagnostics;

namespace CondaRecipes.Elf;

/// <summary>
/// Applies the RPATH policy to the ELF files of a package in its host prefix. Each file is replaced only
/// after its new content has been read back and verified (temp file in the same directory, then rename),
/// so a failure leaves the original intact. No file is read whole: the decision reads the headers and the
/// dynamic tables, the rewrite writes only the changed bytes of the copy, so memory does not grow with
/// the file (CUDA and torch libraries exceed 2 GB).
/// </summary>
public static class ElfRelocator
{
    /// <param name="hostPrefix">The host prefix (absolute) the files are in.</param>
    /// <param name="relativeFiles">The package's files, relative to <paramref name="hostPrefix"/>.</param>
    /// <param name="settings">Whitelist, rpaths, binary_relocation, rpaths_patcher.</param>
    /// <param name="diagnostics">Receives CR3001 (unreadable ELF), CR3002/CR3003 (write failed),
    /// CR3101/CR3102 (entries removed).</param>
    public static IReadOnlyList<RelocationResult> Relocate(string hostPrefix, IEnumerable<string> relativeFiles,
        RelocationSettings settings, ICollection<Diagnostic> diagnostics)
    {
        var results = new List<RelocationResult>();
        var policy = settings.Policy;
        foreach (var relative in relativeFiles)
        {
            if (!settings.Selects(relative))
            {
                results.Add(new(relative, RelocationOutcome.NotSelected));
                continue;
            }
            results.Add(RelocateOne(hostPrefix, relative, settings, policy, diagnostics));
        }
        return results;
    }

    private static RelocationResult RelocateOne(string prefix, string relative, RelocationSettings settings,
        RpathPolicy policy, ICollection<Diagnostic> diagnostics)
    {
        var path = Path.Combine(prefix, relative);
        if (new FileInfo(path).LinkTarget is not null) return new(relative, RelocationOutcome.Symlink);

        ElfReadResult read;
        try { read = ElfReader.Read(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Warning(ElfErrorCodes.RpathWriteFailed, $"cannot read the file: {e.Message}; it is left unchanged.", relative));
            return new(relative, RelocationOutcome.Failed, Detail: e.Message);
        }
        switch (read.Kind)
        {
            case ElfKind.NotElf: return new(relative, RelocationOutcome.NotElf);
            case ElfKind.NoDynamicSection: return new(relative, RelocationOutcome.NoDynamicSection, Detail: read.Reason);
            case ElfKind.Invalid:
                diagnostics.Add(read.ToWarning(relative));
                return new(relative, RelocationOutcome.Invalid, Detail: read.Reason);
        }

        var info = read.Info!;
        // Decide per tag present; a file with neither gets DT_RPATH (through patchelf) like conda-build.
        var present = new[] { RpathTag.Rpath, RpathTag.Runpath }.Where(t => info.Get(t) is not null).ToList();
        var changes = new Dictionary<RpathTag, string>();
        var reported = new HashSet<string>();
        foreach (var tag in present.Count == 0 ? [RpathTag.Rpath] : present)
        {
            var old = info.Get(tag)?.Value;
            var decision = policy.Apply(relative, prefix, old, tag);
            foreach (var w in decision.Warnings)
                if (reported.Add(w.Message.Replace("RUNPATH", "RPATH"))) diagnostics.Add(w); // same entry under both tags: once
            if (decision.Value != (old ?? "")) changes[tag] = decision.Value;
        }

        var mainTag = present.Contains(RpathTag.Runpath) ? RpathTag.Runpath : RpathTag.Rpath;
        var oldValue = info.Get(mainTag)?.Value;
        if (changes.Count == 0)
            return new(relative, RelocationOutcome.Unchanged, Tag: present.Count == 0 ? null : mainTag, OldValue: oldValue, NewValue: oldValue ?? "");
        var newValue = changes.GetValueOrDefault(mainTag) ?? changes.Values.First();

        // Decided on the original opened read-only: only the headers and the tables the check needs are read.
        string? whyNotInPlace;
        try
        {
            whyNotInPlace = settings.Patcher == RpathPatcher.Patchelf
                ? "rpaths_patcher is patchelf"
                : ElfByteSource.UseFile(path, FileAccess.Read, original => InPlaceRpathWriter.WhyNot(original, changes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(relative, mainTag, oldValue, newValue, e.Message, RpathWriteMethod.InPlace, diagnostics);
        }
        if (whyNotInPlace is null)
        {
            // The changed bytes are written into a copy (seek + write), which is checked and renamed over the
            // original; a rewrite that does not read back as expected leaves the original for patchelf.
            string? refused = null;
            var failure = VerifiedFileReplace.EditCopyAndReplace(path, copy => refused =
                ElfByteSource.UseFile(copy, FileAccess.ReadWrite, image => InPlaceRpathWriter.TryRewrite(image, changes)));
            if (refused is null)
                return failure is null
                    ? new(relative, RelocationOutcome.Rewritten, RpathWriteMethod.InPlace, mainTag, oldValue, newValue)
                    : Failed(relative, mainTag, oldValue, newValue, failure, RpathWriteMethod.InPlace, diagnostics);
            whyNotInPlace = refused;
        }

        var patchelfFailure = PatchelfFallback.SetRpath(path, newValue, settings.PatchelfPath);
        return patchelfFailure is null
            ? new(relative, RelocationOutcome.Rewritten, RpathWriteMethod.Patchelf, RpathTag.Rpath, oldValue, newValue, whyNotInPlace)
            : Failed(relative, RpathTag.Rpath, oldValue, newValue, patchelfFailure, RpathWriteMethod.Patchelf, diagnostics);
    }

    private static RelocationResult Failed(string relative, RpathTag tag, string? oldValue, string newValue, string failure,
        RpathWriteMethod method, ICollection<Diagnostic> diagnostics)
    {
        var code = ElfErrorCodes.RpathWriteFailed;
        var bar = failure.IndexOf('|');
        if (bar > 0) (code, failure) = (failure[..bar], failure[(bar + 1)..]);
        var hint = code == ElfErrorCodes.PatchelfNotFound
            ? " Install patchelf (Debian: apt-get install patchelf) or set PatchelfPath."
            : "";
        diagnostics.Add(Diagnostic.Warning(code,
            $"could not set the {(tag == RpathTag.Rpath ? "RPATH" : "RUNPATH")} to '{newValue}': {failure}; the file is unchanged.{hint}", relative));
        return new(relative, RelocationOutcome.Failed, method, tag, oldValue, newValue, failure);
    }
}
