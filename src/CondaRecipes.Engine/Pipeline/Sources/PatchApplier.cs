using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Applies a recipe's patch with GNU <c>patch</c>. The strip levels are conda-build's: 0 up to the depth
/// of the shallowest file name in the patch, the level at which most of its files exist in the source
/// first (the least deep on a tie); each is tried with <c>--dry-run</c> and the first that applies cleanly
/// is used, which also never leaves a half-applied patch. Without <c>patch</c> on the machine,
/// <c>git apply</c> does the same job.
/// </summary>
internal static partial class PatchApplier
{
    private const string NoFileMessage = "can't find file to patch";

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:---|\+\+\+) ([^\n\t]+)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex FileLine();

    /// <summary>The strip levels to try for <paramref name="patchFile"/> in <paramref name="directory"/>, best guess first.</summary>
    internal static IReadOnlyList<int> StripLevelsFor(string patchFile, string directory)
    {
        var files = FileLine().Matches(File.ReadAllText(patchFile)).Select(m => m.Groups[1].Value.Trim())
            .Where(f => f != "/dev/null").Distinct().Select(f => f.Split('/', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (files.Count == 0) return [0, 1];
        int maxLevel = files.Min(parts => parts.Length - 1);
        var found = Enumerable.Range(0, maxLevel + 1)
            .Select(level => (Level: level, Count: files.Count(parts => Path.Exists(Path.Combine([directory, .. parts[level..]])))))
            .ToList();
        int best = found.OrderByDescending(f => f.Count).ThenBy(f => f.Level).First().Level;
        return [best, .. found.Select(f => f.Level).Where(l => l != best)];
    }

    /// <summary>
    /// The patch file: relative to the recipe folder, or under a late-bound folder as rattler-build resolves
    /// them — <c>$SRC_DIR/…</c> (what <c>${{ SRC_DIR }}</c> renders to: the work folder the sources are placed in,
    /// so a patch one source ships can patch another) and <c>$RECIPE_DIR/…</c>.
    /// </summary>
    public static string Resolve(RecipeSource spec, string patch, string recipeDir, string? srcDir = null)
    {
        string expanded = LateBound(patch, "RECIPE_DIR", recipeDir);
        if (srcDir is not null) expanded = LateBound(expanded, "SRC_DIR", srcDir);
        var path = System.IO.Path.GetFullPath(expanded, recipeDir);
        if (!File.Exists(path))
            throw SourceErrors.Error(spec, SourceErrorCodes.PatchNotFound,
                $"The patch '{patch}' does not exist (looked for '{path}').",
                "Fix the 'patches:' list; patch files are relative to the recipe directory.");
        return path;
    }

    /// <summary>True when the patch lies in the sources themselves (known only once they are placed).</summary>
    public static bool IsInSources(string patch) => LateBound(patch, "SRC_DIR", "") != patch;

    private static string LateBound(string patch, string name, string dir)
    {
        foreach (var form in new[] { "$" + name, "${" + name + "}" })
            if (patch == form || patch.StartsWith(form + "/", StringComparison.Ordinal))
                return dir + patch[form.Length..];
        return patch;
    }

    /// <param name="patchProgram">The patch executable; tests name a missing one to exercise the
    /// <c>git apply</c> fallback.</param>
    public static async Task ApplyAsync(RecipeSource spec, string patch, string patchFile, string directory,
        Action<string> log, CancellationToken ct, string patchProgram = "patch")
    {
        log($"applying patch {patch}");
        string? firstFailure = null;
        var levels = StripLevelsFor(patchFile, directory);
        foreach (var level in levels)
        {
            ExternalTool.Result dryRun;
            try
            {
                dryRun = await RunPatchAsync(spec, patchProgram, level, patchFile, directory, dryRun: true, ct);
            }
            catch (Diagnostics.CondaRecipesException e) when (e.Code == SourceErrorCodes.ToolNotFound)
            {
                log($"'{patchProgram}' is not installed; using git apply");
                await GitApplyAsync(spec, patch, patchFile, directory, levels, ct);
                return;
            }
            if (!dryRun.Succeeded)
            {
                // Report the level at which patch found the files (its hunk failures say what is wrong),
                // not a level that merely could not find them.
                if (firstFailure is null || (firstFailure.Contains(NoFileMessage) && !dryRun.Output.Contains(NoFileMessage)))
                    firstFailure = dryRun.Output;
                continue;
            }
            var applied = await RunPatchAsync(spec, patchProgram, level, patchFile, directory, dryRun: false, ct);
            if (!applied.Succeeded) throw Failed(spec, patch, applied.Output);
            log($"patch {patch} applied with -p{level}");
            return;
        }
        throw Failed(spec, patch, firstFailure ?? "");
    }

    private static Task<ExternalTool.Result> RunPatchAsync(RecipeSource spec, string program, int level,
        string patchFile, string directory, bool dryRun, CancellationToken ct)
    {
        // --forward: a patch that looks already applied fails instead of being reversed (--batch alone
        // would reverse it); --ignore-whitespace as conda-build, for patches re-indented in transit.
        List<string> args = ["--batch", "--forward", "--no-backup-if-mismatch", "--ignore-whitespace",
            $"-p{level}", "-i", patchFile];
        if (dryRun) args.Add("--dry-run");
        return ExternalTool.RunAsync(spec, program, args, directory, "apply patches", ct);
    }

    private static async Task GitApplyAsync(RecipeSource spec, string patch, string patchFile, string directory,
        IReadOnlyList<int> levels, CancellationToken ct)
    {
        // git apply takes paths from the top of the repository it finds; stop it from finding one that
        // merely encloses the work directory (a git source checked out at the root is still found).
        var environment = new Dictionary<string, string>
        {
            ["GIT_CEILING_DIRECTORIES"] = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(directory))!,
        };
        foreach (var level in levels)
        {
            var check = await ExternalTool.RunAsync(spec, "git", ["apply", "--check", $"-p{level}", patchFile],
                directory, "apply patches", ct, environment: environment);
            if (!check.Succeeded)
            {
                if (level == levels[^1]) throw Failed(spec, patch, check.Output);
                continue;
            }
            var applied = await ExternalTool.RunAsync(spec, "git", ["apply", $"-p{level}", patchFile], directory,
                "apply patches", ct, environment: environment);
            if (!applied.Succeeded) throw Failed(spec, patch, applied.Output);
            return;
        }
    }

    private static Diagnostics.CondaRecipesException Failed(RecipeSource spec, string patch, string output) =>
        SourceErrors.Error(spec, SourceErrorCodes.PatchFailed,
            $"The patch '{patch}' does not apply to the source:\n{output}",
            "Refresh the patch against this source version (e.g. with 'git diff' in a checkout), or drop it.");
}
