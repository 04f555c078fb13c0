using CondaRecipes.Pipeline.Install;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// Prunes the extracted-package cache (<c>$(CondaCacheDir)pkgs/</c>) to CondaCacheMaxSize and
/// CondaCacheMaxAgeDays after each variant build, or, with <see cref="All"/> (-t:CleanCache), removes every
/// entry; entries a running build uses are kept either way.
/// </summary>
public sealed class CleanCondaCache : CondaTaskBase
{
    [Required] public string CacheDir { get; set; } = "";
    public string? MaxSize { get; set; }
    public string? MaxAgeDays { get; set; }
    public bool All { get; set; }

    /// <summary>The project file, named in errors about the two properties.</summary>
    public string? ProjectFile { get; set; }

    protected override void ExecuteCore()
    {
        var limits = PackageCacheLimits.Parse(MaxSize, MaxAgeDays, ProjectFile);
        var root = PackageCache.RootIn(CacheDir);
        var result = PackageCachePruner.Prune(root, limits, All);
        var importance = All || result.Removed.Count > 0 ? MessageImportance.High : MessageImportance.Low;
        Log.LogMessage(importance, $"package cache {root}: removed {result.Removed.Count} unused entries ({Mib(result.FreedBytes)}), " +
            $"kept {Mib(result.RemainingBytes)}{(result.InUse.Count > 0 ? $", {result.InUse.Count} in use by a running build" : "")}");
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:0.#} MiB";
}
