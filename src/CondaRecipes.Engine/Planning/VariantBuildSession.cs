using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline;

namespace CondaRecipes.Planning;

/// <summary>
/// A variant's build between the planner's decision to build it and its outcome. It holds the variant's lock and runs
/// the engine's steps one at a time, in their order: the SDK runs each in a target of its own, so the terminal shows
/// the stage every running variant is in. A step that fails ends the session; disposing it releases the lock.
/// </summary>
public sealed class VariantBuildSession : IDisposable
{
    private readonly IDisposable _lock;
    private readonly IVariantBuild _build;
    private readonly IReadOnlyList<VariantBuildStep> _steps;
    private int _next;
    private bool _disposed;

    internal VariantBuildSession(VariantPlan plan, IDisposable heldLock, IVariantBuild build)
    {
        Plan = plan;
        _lock = heldLock;
        _build = build;
        _steps = build.Steps;
    }

    /// <summary>The plan the build acts on (its status and reason are the verdict before the build).</summary>
    public VariantPlan Plan { get; }

    /// <summary>The steps' names, in the order <see cref="RunStepAsync"/> must be called.</summary>
    public IReadOnlyList<string> StepNames => _steps.Select(s => s.Name).ToList();

    /// <summary>Runs the named step, which must be the next one.</summary>
    /// <exception cref="CondaRecipesException">CR8005 when the step is not the next one of this build.</exception>
    public async Task RunStepAsync(string name, VariantStepContext context)
    {
        if (_disposed || _next >= _steps.Count || _steps[_next].Name != name)
            throw new CondaRecipesException(PlanningErrorCodes.StepOutOfOrder,
                $"The build of {Plan.Variant.Id} cannot run its step '{name}' now: {(_disposed ? "its build has ended" : _next < _steps.Count ? $"the next step is '{_steps[_next].Name}'" : "every step has run")}.",
                hint: "Stage targets run inside CondaBuildVariant, in the order of CondaVariantStagesDependsOn; call CondaBuildVariant (or Build) rather than a stage target, and keep the stages' order when changing that property.");
        var step = _steps[_next++];
        await step.RunAsync(context).ConfigureAwait(false);
    }

    /// <summary>The outcome, once every step has run; ends the session.</summary>
    public VariantBuildOutcome Finish()
    {
        if (_next < _steps.Count)
            throw new CondaRecipesException(PlanningErrorCodes.StepOutOfOrder,
                $"The build of {Plan.Variant.Id} cannot finish: its step '{_steps[_next].Name}' has not run.",
                hint: "A stage target was left out of CondaVariantStagesDependsOn; restore it.");
        Dispose();
        return new VariantBuildOutcome(Plan, _build.Published, Built: true);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lock.Dispose();
    }
}

/// <summary>
/// What starting a variant's build gave: <see cref="Finished"/> when there was nothing to build (skipped, up to date),
/// else the <see cref="Session"/> whose steps build it.
/// </summary>
public sealed record VariantBuildStart(VariantBuildOutcome? Finished, VariantBuildSession? Session);
