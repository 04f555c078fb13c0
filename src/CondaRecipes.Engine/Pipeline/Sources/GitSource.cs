using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// A <c>git_url</c> source: a bare mirror per URL under <c>&lt;cache&gt;/git/</c>, shared by every
/// variant and fetched only when the wanted revision is missing, then a clone of that mirror checked out
/// at <c>git_rev</c>. The checkout keeps its <c>.git</c> (with <c>origin</c> set back to the real URL),
/// since build scripts and setuptools_scm read versions from tags.
/// </summary>
internal sealed class GitSource(string cacheRoot)
{
    private const string Purpose = "fetch git sources";

    public static string ResolveUrl(RecipeSource spec, string recipeDir)
    {
        var url = spec.GitUrl!;
        if (url.StartsWith('~'))
            return System.IO.Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), url[1..]);
        // Relative local paths are relative to the recipe, as in conda-build; URLs and scp-like
        // "host:path" addresses are left alone.
        return url.StartsWith('.') ? System.IO.Path.GetFullPath(url, recipeDir) : url;
    }

    /// <summary>Checks out the source into <paramref name="destination"/> (merged into what is there).</summary>
    public async Task CheckoutAsync(RecipeSource spec, string recipeDir, string destination, Action<string> log,
        CancellationToken ct)
    {
        var url = ResolveUrl(spec, recipeDir);
        var rev = string.IsNullOrWhiteSpace(spec.GitRev) ? "HEAD" : spec.GitRev.Trim();
        var key = FileChecksums.Sha256OfText(url)[..16];
        var mirror = System.IO.Path.Combine(cacheRoot, "git", $"{key}-{MirrorName(url)}.git");

        using var entryLock = await CacheLock.AcquireAsync(
            System.IO.Path.Combine(cacheRoot, "locks", $"git-{key}.lock"), log, ct);
        await EnsureMirrorAsync(spec, url, mirror, log, ct);
        var commit = await FindCommitAsync(spec, mirror, rev, ct)
                     ?? await FetchAndFindAsync(spec, url, mirror, rev, log, ct)
                     ?? throw SourceErrors.Error(spec, SourceErrorCodes.GitRevNotFound,
                         $"The git_rev '{rev}' is not a tag, branch or commit of {url}.",
                         "Fix 'git_rev:' in the recipe, or push the tag to the repository.");

        Directory.CreateDirectory(destination);
        var checkout = System.IO.Path.Combine(destination, $".git-checkout-{Guid.NewGuid():N}");
        try
        {
            log($"checking out {url} at {rev} ({commit[..12]})");
            await GitAsync(spec, destination, ["clone", "--quiet", "--no-checkout", mirror, checkout], ct);
            await GitAsync(spec, checkout, ["checkout", "--quiet", "--force", rev], ct);
            await GitAsync(spec, checkout, ["remote", "set-url", "origin", url], ct);
            if (File.Exists(System.IO.Path.Combine(checkout, ".gitmodules")))
            {
                log("updating git submodules");
                await GitAsync(spec, checkout, ["submodule", "update", "--init", "--recursive"], ct);
            }
            TreeMover.MoveContents(checkout, destination);
        }
        finally
        {
            if (Directory.Exists(checkout)) Directory.Delete(checkout, recursive: true);
        }
    }

    private async Task EnsureMirrorAsync(RecipeSource spec, string url, string mirror, Action<string> log,
        CancellationToken ct)
    {
        if (Directory.Exists(mirror)) return;
        // Clone beside the final name and rename: a failed clone never leaves a half mirror behind.
        var partial = mirror + $".partial-{Guid.NewGuid():N}";
        log($"cloning {url} into the source cache");
        try
        {
            List<string> args = ["clone", "--quiet", "--mirror"];
            if (spec.GitDepth is > 0) args.AddRange(["--depth", spec.GitDepth.Value.ToString()]);
            args.AddRange(["--", url, partial]);
            await GitAsync(spec, System.IO.Path.GetDirectoryName(mirror)!, args, ct, createWorkingDirectory: true);
            Directory.Move(partial, mirror);
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }

    private static async Task<string?> FetchAndFindAsync(RecipeSource spec, string url, string mirror, string rev,
        Action<string> log, CancellationToken ct)
    {
        log($"git_rev '{rev}' is not in the cached mirror; fetching {url}");
        List<string> fetch = ["fetch", "--quiet", "--prune", "--tags", "origin"];
        if (spec.GitDepth is > 0) fetch.InsertRange(1, ["--depth", spec.GitDepth.Value.ToString()]);
        await GitAsync(spec, mirror, fetch, ct);
        if (await FindCommitAsync(spec, mirror, rev, ct) is { } commit) return commit;

        // A shallow mirror can lack an older commit that the full history has.
        var shallow = await ExternalTool.RunAsync(spec, "git", ["rev-parse", "--is-shallow-repository"], mirror,
            Purpose, ct);
        if (shallow.StandardOutput.Trim() != "true") return null;
        log("fetching the full history");
        await GitAsync(spec, mirror, ["fetch", "--quiet", "--unshallow", "--tags", "origin"], ct);
        return await FindCommitAsync(spec, mirror, rev, ct);
    }

    private static async Task<string?> FindCommitAsync(RecipeSource spec, string mirror, string rev,
        CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync(spec, "git",
            ["rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"], mirror, Purpose, ct);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private static async Task GitAsync(RecipeSource spec, string workingDirectory, IReadOnlyList<string> args,
        CancellationToken ct, bool createWorkingDirectory = false)
    {
        if (createWorkingDirectory) Directory.CreateDirectory(workingDirectory);
        var result = await ExternalTool.RunAsync(spec, "git", args, workingDirectory, Purpose, ct);
        if (!result.Succeeded)
            throw SourceErrors.Error(spec, SourceErrorCodes.GitFailed,
                $"'git {string.Join(' ', args)}' failed (exit {result.ExitCode}): {result.Output}",
                "Check git_url and network access; the cached mirror is under the source cache's git/ folder.");
    }

    private static string MirrorName(string url)
    {
        var last = url.TrimEnd('/').Split('/', ':', '\\')[^1];
        if (last.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) last = last[..^4];
        var clean = new string(last.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').ToArray());
        return clean.Length == 0 ? "repo" : clean;
    }
}
