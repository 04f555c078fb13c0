using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// The source stage of the native build: turns a recipe's <c>source:</c> entries into the build's work
/// directory (SRC_DIR), as conda-build does. Downloads and git mirrors go through a cache shared by all
/// variants and projects; every source is placed (in order, each in its <c>folder:</c>), then each
/// source's patches are applied in its folder. The work directory is assembled beside its final path and
/// renamed into place, so it exists only when complete.
/// </summary>
public sealed class SourceFetcher
{
    // One client for the process, as HttpClient is meant to be used; builds of many variants share it.
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(30) });

    private readonly SourceCache _cache;
    private readonly GitSource _git;

    /// <param name="cacheRoot">The shared cache directory (created when missing).</param>
    /// <param name="http">The client for http(s) downloads; a process-wide one when null.</param>
    public SourceFetcher(string cacheRoot, HttpClient? http = null)
    {
        CacheRoot = System.IO.Path.GetFullPath(cacheRoot);
        _cache = new SourceCache(CacheRoot, new UrlDownloader(http ?? SharedHttp.Value));
        _git = new GitSource(CacheRoot);
    }

    public string CacheRoot { get; }

    /// <summary>Creates <paramref name="workDir"/> holding every source, patched.</summary>
    /// <param name="sources">The recipe's source entries, in recipe order.</param>
    /// <param name="recipeDir">The directory of meta.yaml: base of <c>path:</c>, patches and relative URLs.</param>
    /// <param name="workDir">The directory to create; it must be absent or empty.</param>
    /// <param name="log">Receives one line per step (downloads, cache hits, checkouts, patches, warnings).</param>
    /// <exception cref="Diagnostics.CondaRecipesException">A CR20xx error naming the recipe file and line.</exception>
    public async Task PrepareAsync(IReadOnlyList<RecipeSource> sources, string recipeDir, string workDir,
        Action<string> log, CancellationToken ct = default)
    {
        recipeDir = System.IO.Path.GetFullPath(recipeDir);
        workDir = System.IO.Path.GetFullPath(workDir).TrimEnd('/');
        var folders = sources.Select(s => (Spec: s, Folder: ResolveFolder(s, workDir))).ToList();
        CheckWorkDirIsFree(sources, workDir);

        var staging = $"{workDir}.partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (spec, folder) in folders)
            {
                ct.ThrowIfCancellationRequested();
                var destination = System.IO.Path.Combine(staging, folder);
                await PlaceAsync(spec, recipeDir, destination, [staging, workDir], log, ct);
            }
            foreach (var (spec, folder) in folders)
                foreach (var patch in spec.Patches)
                    await PatchApplier.ApplyAsync(spec, patch, PatchApplier.Resolve(spec, patch, recipeDir, staging),
                        System.IO.Path.Combine(staging, folder), log, ct);

            if (Directory.Exists(workDir)) Directory.Delete(workDir);
            Directory.Move(staging, workDir);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>A stable hex SHA-256 of the sources' inputs (see <see cref="SourceFingerprint"/>): equal
    /// fingerprints mean the source stage would produce the same work directory.</summary>
    public static string ComputeInputsFingerprint(IReadOnlyList<RecipeSource> sources, string recipeDir) =>
        SourceFingerprint.Compute(sources, System.IO.Path.GetFullPath(recipeDir));

    private async Task PlaceAsync(RecipeSource spec, string recipeDir, string destination,
        IReadOnlyList<string> excluded, Action<string> log, CancellationToken ct)
    {
        var kinds = (spec.Path is not null ? 1 : 0) + (spec.Urls.Count > 0 ? 1 : 0) + (spec.GitUrl is not null ? 1 : 0);
        if (kinds > 1)
            throw SourceErrors.Error(spec, SourceErrorCodes.AmbiguousSource,
                "A source entry names more than one of 'path', 'url' and 'git_url'.",
                "Split it into one source entry per location, each with its own 'folder:'.");

        Directory.CreateDirectory(destination);
        if (spec.Path is not null)
        {
            var path = PathSourceCopier.Resolve(spec, recipeDir);
            log($"copying {path}");
            PathSourceCopier.Copy(path, destination, excluded, ct);
        }
        else if (spec.Urls.Count > 0)
        {
            await PlaceDownloadAsync(spec, recipeDir, destination, log, ct);
        }
        else if (spec.GitUrl is not null)
        {
            await _git.CheckoutAsync(spec, recipeDir, destination, log, ct);
        }
    }

    private async Task PlaceDownloadAsync(RecipeSource spec, string recipeDir, string destination,
        Action<string> log, CancellationToken ct)
    {
        var urls = spec.Urls.Select(u => UrlDownloader.Resolve(spec, u, recipeDir)).ToList();
        var fileName = string.IsNullOrWhiteSpace(spec.FileName)
            ? UrlDownloader.DefaultFileName(urls[0])
            : System.IO.Path.GetFileName(spec.FileName.Trim());
        var cached = await _cache.GetAsync(spec, urls, fileName, log, ct);

        var format = ArchiveFormats.Detect(fileName);
        if (format == ArchiveFormat.PlainFile)
        {
            File.Copy(cached, System.IO.Path.Combine(destination, fileName), overwrite: true);
            return;
        }
        log($"extracting {fileName}");
        var extracted = System.IO.Path.Combine(destination, $".extract-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(extracted);
            await ArchiveExtractor.ExtractAsync(spec, cached, fileName, format, extracted, ct);
            TreeMover.MoveHoisted(extracted, destination);
        }
        finally
        {
            if (Directory.Exists(extracted)) Directory.Delete(extracted, recursive: true);
        }
    }

    private static string ResolveFolder(RecipeSource spec, string workDir)
    {
        if (string.IsNullOrWhiteSpace(spec.Folder)) return "";
        var folder = spec.Folder.Trim();
        var full = System.IO.Path.GetFullPath(folder, workDir).TrimEnd('/');
        if (full == workDir && !System.IO.Path.IsPathRooted(folder)) return "";
        if (System.IO.Path.IsPathRooted(folder) || !full.StartsWith(workDir + "/", StringComparison.Ordinal))
            throw SourceErrors.Error(spec, SourceErrorCodes.InvalidFolder,
                $"The source folder '{spec.Folder}' is not inside the work directory.",
                "Use a relative 'folder:' without '..', e.g. 'folder: src/extra'.");
        return System.IO.Path.GetRelativePath(workDir, full);
    }

    private static void CheckWorkDirIsFree(IReadOnlyList<RecipeSource> sources, string workDir)
    {
        if (Directory.Exists(workDir) && Directory.EnumerateFileSystemEntries(workDir).Any())
            throw new Diagnostics.CondaRecipesException(SourceErrorCodes.WorkDirNotEmpty,
                $"The work directory '{workDir}' already exists and is not empty.",
                sources.FirstOrDefault()?.RecipeFile, 0,
                "Remove it (the build's clean step does) before preparing the sources again.");
    }
}
