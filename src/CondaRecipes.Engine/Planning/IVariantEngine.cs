using CondaRecipes.Pipeline;
using CondaRecipes.Recipes;

namespace CondaRecipes.Planning;

/// <summary>
/// What builds a planned variant: the native pipeline (<see cref="NativeVariantEngine"/>) or an external
/// conda-build (<see cref="ExternalCondaBuild.CondaBuildVariantEngine"/>). Each contributes the settings that
/// change what it produces to the inputs hash and names the package files it will write, so that the
/// planner's verdict is the same for <c>Plan</c> and for the build.
/// </summary>
public interface IVariantEngine
{
    /// <summary><c>native</c> or <c>conda-build</c> (CondaBuildEngine).</summary>
    string Name { get; }

    /// <summary>This engine's settings that enter the inputs hash, on top of the project's.</summary>
    IReadOnlyDictionary<string, string> FingerprintSettings(VariantRequest variant);

    /// <summary>The package files the variant produces, or null when the engine cannot name them before building.</summary>
    IReadOnlyList<string>? KnownPackages(RenderedRecipe rendered, string inputsHash);

    /// <summary>
    /// Starts building the planned variant: its steps, run in order, build it into the channel, index it and stamp it.
    /// </summary>
    IVariantBuild Start(VariantPlan plan, IBuildLog log);
}
