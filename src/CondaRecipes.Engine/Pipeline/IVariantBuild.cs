namespace CondaRecipes.Pipeline;

/// <summary>
/// One variant's build once an engine has started it: its steps, run in order, and what they published. The SDK runs
/// each step in a target of its own (CondaSource, CondaEnvironments, …), so MSBuild's loggers show the stage each
/// running variant is in, and a site can hook a target before or after any of them.
/// </summary>
public interface IVariantBuild
{
    /// <summary>The steps in the order they must run.</summary>
    IReadOnlyList<VariantBuildStep> Steps { get; }

    /// <summary>The package files in the channel, once the last step has run.</summary>
    IReadOnlyList<string> Published { get; }
}

/// <summary>A named step (<see cref="VariantStepNames"/>) of a <see cref="IVariantBuild"/>.</summary>
public sealed record VariantBuildStep(string Name, Func<VariantStepContext, Task> RunAsync);

/// <summary>
/// What a step runs with that belongs to the caller rather than to the build: the log of the task running it, the cores
/// granted for it (CPU_COUNT) and the cancellation of that task.
/// </summary>
public sealed record VariantStepContext(IBuildLog Log, int CpuCount, CancellationToken Cancellation);

/// <summary>The steps' names, as the SDK's stage targets and the README name them.</summary>
public static class VariantStepNames
{
    /// <summary>Fetch, extract and patch the sources; render again with the source present.</summary>
    public const string Source = "source";

    /// <summary>Solve and create the build and host prefixes.</summary>
    public const string Environments = "environments";

    /// <summary>Run the recipe's build script (once for all outputs).</summary>
    public const string Script = "script";

    /// <summary>Select, relocate and package each output's files; index the new archives.</summary>
    public const string Packages = "packages";

    /// <summary>Test each package in a fresh prefix.</summary>
    public const string Tests = "tests";

    /// <summary>Publish the tested archives into the channel and stamp the variant.</summary>
    public const string Publish = "publish";

    /// <summary>The external engine: one run of conda-build, which does all of the above itself.</summary>
    public const string CondaBuild = "conda-build";
}
