using CondaRecipes.Diagnostics;
using CondaRecipes.Elf;

namespace CondaRecipes.Packaging;

/// <summary>
/// The recipe's say in which files conda rewrites the prefix of, conda-build's rules: <c>ignore_prefix_files</c>
/// (true, or globs) drops files; <c>detect_binary_files_with_prefix: false</c> without
/// <c>binary_has_prefix_files</c> drops binary files; a file in <c>binary_has_prefix_files</c> is binary, and
/// when that list is set only its files are binary unless detection is asked for; a file in
/// <c>has_prefix_files</c> is text, and when that list is set the other text files are left alone. Every file
/// the two lists name and the package holds must contain the prefix. Globs are matched as <c>fnmatch</c> does.
/// </summary>
public sealed record PrefixFileRules
{
    public IReadOnlyList<string> HasPrefixFiles { get; init; } = [];
    public IReadOnlyList<string> BinaryHasPrefixFiles { get; init; } = [];
    public IReadOnlyList<string> IgnorePrefixFiles { get; init; } = [];
    public bool IgnoreAll { get; init; }
    /// <summary>Null: conda-build's default (true when <see cref="BinaryHasPrefixFiles"/> is empty).</summary>
    public bool? DetectBinaryFiles { get; init; }

    /// <summary>The entries with <c>file_mode</c>/<c>prefix_placeholder</c> kept, changed or removed by the rules.</summary>
    public IReadOnlyList<PathEntry> Apply(IReadOnlyList<PathEntry> paths)
    {
        var textListed = new HashSet<string>(StringComparer.Ordinal);
        var binaryListed = new HashSet<string>(StringComparer.Ordinal);
        bool detectBinary = DetectBinaryFiles ?? BinaryHasPrefixFiles.Count == 0;
        var result = new List<PathEntry>(paths.Count);
        foreach (var p in paths)
        {
            if (p.PrefixPlaceholder is null) { result.Add(p); continue; }
            bool inBinary = FnMatch.IsMatchAny(p.Path, BinaryHasPrefixFiles);
            bool inText = FnMatch.IsMatchAny(p.Path, HasPrefixFiles);
            bool ignored = IgnoreAll || FnMatch.IsMatchAny(p.Path, IgnorePrefixFiles)
                || (DetectBinaryFiles == false && BinaryHasPrefixFiles.Count == 0 && p.FileMode == PrefixFileMode.Binary);
            PrefixFileMode? mode = null;
            if (!ignored)
            {
                if (inBinary || ((BinaryHasPrefixFiles.Count == 0 || detectBinary) && p.FileMode == PrefixFileMode.Binary))
                    mode = PrefixFileMode.Binary;
                else if (inText || (HasPrefixFiles.Count == 0 && p.FileMode == PrefixFileMode.Text)
                         || Path.GetDirectoryName(p.Path) == "python-scripts")
                    mode = PrefixFileMode.Text;
            }
            if (mode == PrefixFileMode.Binary && inBinary) binaryListed.Add(p.Path);
            if (mode == PrefixFileMode.Text && inText) textListed.Add(p.Path);
            result.Add(mode is null ? p with { FileMode = null, PrefixPlaceholder = null } : p with { FileMode = mode });
        }
        var missing = Unmatched(paths, HasPrefixFiles, textListed, "has_prefix_files")
            .Concat(Unmatched(paths, BinaryHasPrefixFiles, binaryListed, "binary_has_prefix_files")).ToList();
        if (missing.Count > 0)
            throw new CondaRecipesException(PackagingErrorCodes.PrefixFileWithoutPrefix,
                string.Join("\n", missing), hint:
                "Remove the file from the list, or check that the build writes $PREFIX into it (and that it is installed).");
        return result;
    }

    // conda-build: "Did not detect hard-coded path in <file> from has_prefix_files".
    private static IEnumerable<string> Unmatched(IReadOnlyList<PathEntry> paths, IReadOnlyList<string> patterns,
        HashSet<string> recorded, string field)
    {
        foreach (var pattern in patterns)
        {
            // A glob matching nothing is no error in conda-build (it expands globs over the prefix's files).
            var matching = paths.Where(p => p.PathType != "directory" && FnMatch.IsMatch(p.Path, pattern)).ToList();
            foreach (var p in matching.Where(p => !recorded.Contains(p.Path)))
                yield return $"Did not detect the prefix in {p.Path} from build/{field}.";
        }
    }
}
