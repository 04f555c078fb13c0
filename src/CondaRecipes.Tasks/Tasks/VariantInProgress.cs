using CondaRecipes.Diagnostics;
using CondaRecipes.Planning;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// A variant's build between its stage targets, kept in MSBuild's registered task objects for the build. All targets of
/// one project instance run on one node, so every stage task of the variant finds it there. MSBuild disposes what is
/// left at the end of the build (a failed stage removes its build at once), which releases the variant's lock.
/// </summary>
internal sealed class VariantInProgress(VariantBuildSession session, string variantId, string label, string recipeFile,
    VariantReport report, CoreRequest cores, System.Diagnostics.Stopwatch clock) : IDisposable
{
    public VariantBuildSession Session => session;
    public string VariantId => variantId;
    /// <summary>The prefix of the variant's log lines (<c>pyext PY_VER=3.11</c>).</summary>
    public string Label => label;
    /// <summary>Where diagnostics without a file of their own point: the recipe's meta.yaml, meta.yml or recipe.yaml.</summary>
    public string RecipeFile => recipeFile;
    public VariantReport Report => report;
    /// <summary>What each step asks MSBuild's core budget for.</summary>
    public CoreRequest Cores => cores;
    /// <summary>Started when the build started, for the outcome's duration.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    public void Dispose() => session.Dispose();

    /// <summary>Keeps the build for the rest of the MSBuild build; returns its key.</summary>
    public static string Register(IBuildEngine engine, VariantInProgress build)
    {
        var key = $"CondaRecipes.VariantInProgress:{build.VariantId}:{Guid.NewGuid():N}";
        Engine4(engine).RegisterTaskObject(key, build, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        return key;
    }

    /// <exception cref="CondaRecipesException">CR8005 when no build is kept under the key.</exception>
    public static VariantInProgress Find(IBuildEngine engine, string key) =>
        Engine4(engine).GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) as VariantInProgress
        ?? throw new CondaRecipesException(PlanningErrorCodes.StepOutOfOrder,
            $"No build of a variant is in progress under '{key}' in this process.",
            hint: "Stage targets run inside CondaBuildVariant after _CondaStartVariant; build the project (or call CondaBuildVariant) rather than a stage target.");

    /// <summary>Ends the build: it is no longer kept, and its lock is released.</summary>
    public static void End(IBuildEngine engine, string key)
    {
        if (Engine4(engine).UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build) is IDisposable build)
            build.Dispose();
    }

    private static IBuildEngine4 Engine4(IBuildEngine engine) =>
        engine as IBuildEngine4 ?? throw new InvalidOperationException("This MSBuild cannot keep task objects (IBuildEngine4).");
}
