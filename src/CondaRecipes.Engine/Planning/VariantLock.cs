using System.Globalization;
using CondaRecipes.Diagnostics;
using CondaRecipes.Files;
using CondaRecipes.Pipeline;

namespace CondaRecipes.Planning;

/// <summary>
/// The lock on one variant's work folder, stamp and log (<c>&lt;CondaWorkDir&gt;/&lt;recipe&gt;/locks/&lt;id&gt;.lock</c>):
/// two builds of the same variant at once (two <c>dotnet build</c>s of one project, batch jobs on two nodes sharing
/// the file system) take turns instead of deleting each other's files. The second waits with a message naming
/// the holder, for at most <c>CondaVariantLockTimeout</c>, then decides again (the first has usually just made
/// its packages up to date).
/// </summary>
public static class VariantLock
{
    /// <summary>The property that bounds the wait.</summary>
    public const string Property = "CondaVariantLockTimeout";

    /// <summary>How often a waiting build says it is still waiting.</summary>
    public static TimeSpan ReportEvery { get; set; } = TimeSpan.FromMinutes(1);

    public static string PathFor(string workDir, string recipeName, string variantId) =>
        Path.Combine(workDir, recipeName, "locks", variantId + ".lock");

    /// <summary>
    /// <c>CondaVariantLockTimeout</c>: seconds to wait (0: fail at once if another build holds the lock) or
    /// <c>infinite</c> (the default: as long as the other build takes). Null means no limit.
    /// </summary>
    public static TimeSpan? ParseTimeout(string? text, string? projectFile)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0 || value.Equals("infinite", StringComparison.OrdinalIgnoreCase)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 31_536_000)
            return TimeSpan.FromSeconds(seconds);
        throw new CondaRecipesException(PlanningErrorCodes.InvalidVariantLockTimeout,
            $"{Property} '{value}' is neither a number of seconds (0 to 31536000) nor 'infinite'.", projectFile,
            hint: $"Use e.g. -p:{Property}=600, 0 to fail at once when another build holds the variant, or infinite (the default).");
    }

    /// <summary>Takes the lock, waiting for another build that holds it; the result says whether it had to wait.</summary>
    /// <exception cref="CondaRecipesException">CR8002 after the timeout; CR8003 when the file system cannot lock.</exception>
    public static async Task<(LockFile Lock, bool Waited)> AcquireAsync(RecipeProject project, VariantRequest variant, IBuildLog log,
        CancellationToken cancellationToken)
    {
        var path = project.LockPath(variant);
        var waited = false;
        try
        {
            var held = await LockFile.AcquireAsync(path, project.VariantLockTimeout, ReportEvery, owner =>
            {
                log.Summary($"waiting for another build of this variant ({owner}); it holds {path}" +
                            (project.VariantLockTimeout is { } t ? $" (at most {t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s, {Property})" : ""));
                waited = true;
            }, cancellationToken).ConfigureAwait(false);
            if (held is null)
                throw new CondaRecipesException(PlanningErrorCodes.VariantLockTimeout,
                    $"Another build of {project.RecipeName} {variant.Id} ({LockFile.Owner(path)}) held {path} for more than " +
                    $"{project.VariantLockTimeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({Property}).",
                    project.ProjectFile,
                    hint: $"Wait for that build to finish, stop it, or raise {Property} (infinite waits as long as it takes). " +
                          "A lock is released when its process ends, however it ends.");
            return (held, waited);
        }
        catch (LocksUnsupportedException e)
        {
            throw new CondaRecipesException(PlanningErrorCodes.LocksUnsupported, e.Message, project.ProjectFile,
                hint: "Point CondaWorkDir at a file system with locks (Lustre: mount with -o flock; NFS: run the lock manager).", inner: e);
        }
    }
}
