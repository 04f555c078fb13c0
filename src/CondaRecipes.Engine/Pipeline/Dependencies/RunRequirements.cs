using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Pins;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>What one package's final run requirements are computed from.</summary>
public sealed record RunRequirementsInput
{
    /// <summary>The requirements as rendered (the recipe's, or one output's).</summary>
    public required RecipeRequirements Requirements { get; init; }

    /// <summary>The build section: <c>noarch</c>, <c>ignore_run_exports</c>, <c>ignore_run_exports_from</c>.</summary>
    public required RecipeBuild Build { get; init; }

    /// <summary>The template calls <c>compiler()</c> (keeps build and host apart without a host section).</summary>
    public bool UsesCompilerFunction { get; init; }

    public required ResolvedEnvironments Environments { get; init; }

    public IReadOnlyDictionary<string, RunPin> PinRunAsBuild { get; init; } = RunPin.Defaults;

    /// <summary>The variant's values (python included): conda-build's fallback version for a pin.</summary>
    public IReadOnlyDictionary<string, string> Variant { get; init; } = new Dictionary<string, string>();

    /// <summary><c>test/requires</c>, pinned like run (pin_run_as_build) for the test environment.</summary>
    public IReadOnlyList<string> TestRequires { get; init; } = [];

    /// <summary>The meta.yaml, for errors.</summary>
    public required string RecipeFile { get; init; }

    /// <summary>The template line of a <c>build/run_exports</c> entry as rendered (0 when unknown), for errors.</summary>
    public Func<string, int> RunExportLine { get; init; } = _ => 0;
}

/// <summary>A package's <c>depends</c> and <c>constrains</c>, as written to index.json, and its pinned test requirements.</summary>
public sealed record FinalRequirements(IReadOnlyList<string> Depends, IReadOnlyList<string> Constrains)
{
    public IReadOnlyList<string> TestRequires { get; init; } = [];

    /// <summary>The package's own <c>build/run_exports</c> with its pin_compatible calls pinned, for run_exports.json.</summary>
    public RunExports RunExports { get; init; } = new();

    /// <summary>The environments they were computed from, which the recorded recipe lists as build and host.</summary>
    public ResolvedEnvironments Environments { get; init; } = ResolvedEnvironments.Empty;
}

/// <summary>
/// A package's final run requirements, computed as conda-build's <c>finalize_metadata</c> does once the
/// environments are resolved:
/// <list type="number">
/// <item><c>pin_compatible</c> markers become pins on the version resolved in the host environment (the build
/// environment for a recipe without host).</item>
/// <item>run_exports are added (<see cref="UpstreamExports"/>): with a host section, strong and weak from host
/// and strong from build; without one, strong from build, plus weak when build is also the host (no host
/// section and no <c>compiler()</c>); a noarch package takes only the <c>noarch</c> exports (of host, or of build
/// when build is host). <c>*_constrains</c> exports go to constrains the same way.</item>
/// <item><c>pin_run_as_build</c>: a run requirement whose name has an entry and was resolved in the pinning
/// environment (host, else build) gets bounds from that version (<c>python &gt;=3.12,&lt;3.13.0a0</c>), replacing a
/// version written in the recipe; never python for a noarch: python package.</item>
/// <item><c>name version</c> becomes the series <c>name version.*</c> (<see cref="ValidSpec"/>); the list is
/// de-duplicated and sorted, and a bare name is dropped when the same name also appears with a version.</item>
/// <item>The package's own <c>build/run_exports</c>: conda-build renders the recipe again with the environments
/// solved, so a <c>pin_compatible</c> there is pinned like one in run. conda-build's check for a package not
/// resolved searches only the requirements text, so depending on section order it exports the bare name;
/// here that is the same error as in run.</item>
/// </list>
/// Per output, call it with that output's requirements.
/// </summary>
public static class RunRequirements
{
    public static FinalRequirements Compute(RunRequirementsInput input)
    {
        var reqs = input.Requirements;
        var envs = input.Environments;
        bool isCross = reqs.HasHostSection || reqs.Host.Count > 0;
        bool buildIsHost = !isCross && !input.UsesCompilerFunction;
        bool noarch = input.Build.Noarch is not null;
        var pinning = isCross ? envs.Host : buildIsHost ? ResolvedEnvironments.Merge(envs.Build, envs.Host) : envs.Build;

        var fromBuild = UpstreamExports.Collect(envs.Build, reqs.Build, input.Build);
        var extraRun = new List<string>();
        var extraConstrains = new List<string>();
        if (isCross)
        {
            var hostNamed = reqs.Host.Concat(fromBuild.Strong.Select(s => new RecipeRequirement(s, 0)));
            var fromHost = UpstreamExports.Collect(envs.Host, hostNamed, input.Build);
            if (noarch)
                extraRun.AddRange(fromHost.Noarch);
            else
            {
                extraRun.AddRange([.. fromHost.Strong, .. fromHost.Weak, .. fromBuild.Strong]);
                extraConstrains.AddRange([.. fromHost.StrongConstrains, .. fromHost.WeakConstrains, .. fromBuild.StrongConstrains]);
            }
        }
        else if (noarch)
        {
            if (buildIsHost) extraRun.AddRange(fromBuild.Noarch);
        }
        else
        {
            extraRun.AddRange(fromBuild.Strong);
            extraConstrains.AddRange(fromBuild.StrongConstrains);
            if (buildIsHost)
            {
                extraRun.AddRange(fromBuild.Weak);
                extraConstrains.AddRange(fromBuild.WeakConstrains);
            }
        }

        var run = reqs.Run.Select(r => ResolvePending(r, pinning, isCross, input.RecipeFile))
            .Concat(extraRun).Where(s => s.Length > 0).Distinct()
            .Select(s => ValidSpec.Ensure(PinRunAsBuild(s, pinning, input)))
            .Order(StringComparer.Ordinal).ToList();
        var constrains = reqs.RunConstrained.Select(r => ResolvePending(r, pinning, isCross, input.RecipeFile))
            .Concat(extraConstrains).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

        var depends = PreferVersioned(run, input.RecipeFile)
            .Select(s => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var testRequires = input.TestRequires
            .Select(s => ResolvePending(new RecipeRequirement(s, 0), pinning, isCross, input.RecipeFile))
            .Select(s => ValidSpec.Ensure(PinRunAsBuild(s, pinning, input))).Distinct().ToList();
        var own = input.Build.RunExports;
        List<string> Pinned(IReadOnlyList<string> exports) =>
            exports.Select(e => ResolvePending(new RecipeRequirement(e, input.RunExportLine(e)), pinning, isCross, input.RecipeFile)).ToList();
        var runExports = new RunExports
        {
            Weak = Pinned(own.Weak), Strong = Pinned(own.Strong), Noarch = Pinned(own.Noarch),
            WeakConstrains = Pinned(own.WeakConstrains), StrongConstrains = Pinned(own.StrongConstrains),
        };
        return new FinalRequirements(depends, constrains) { TestRequires = testRequires, RunExports = runExports, Environments = envs };
    }

    /// <summary>The requirement as written, or the pin its <c>pin_compatible</c> marker stands for.</summary>
    private static string ResolvePending(RecipeRequirement requirement, IReadOnlyList<ResolvedPackage> pinning, bool isCross,
        string recipeFile)
    {
        if (requirement.PendingPin is not { } pin) return requirement.Spec;
        var resolved = ResolvedEnvironments.Find(pinning, pin.Name);
        string environment = isCross ? "host" : "build";
        if (resolved is not null && resolved.Version is null && pin.LowerBound is null)
            throw new CondaRecipesException(BuildErrorCodes.PinCompatibleUnresolved,
                $"pin_compatible('{pin.Name}'): {pin.Name} was satisfied in the {environment} environment by {resolved}, whose version is not known, so no pin can be computed from it.",
                recipeFile, requirement.Line,
                $"Declare its version (<CondaExternal Include=\"{pin.Name}\" Version=\"...\" />), or give the bounds: pin_compatible('{pin.Name}', lower_bound='...', upper_bound='...').");
        return pin.Resolve(resolved?.Version, resolved?.Build)
            ?? throw new CondaRecipesException(BuildErrorCodes.PinCompatibleUnresolved,
                resolved is null
                    ? $"pin_compatible('{pin.Name}'): {pin.Name} is not in the {environment} environment, so there is no version to pin to."
                    : $"pin_compatible('{pin.Name}'): min_pin and max_pin are both None, so no bound can be computed.",
                recipeFile, requirement.Line,
                $"Add {pin.Name} to requirements/{environment} (conda-build pins to the version resolved there), or give lower_bound.");
    }

    /// <summary>conda-build's <c>get_pin_from_build</c>.</summary>
    private static string PinRunAsBuild(string spec, IReadOnlyList<ResolvedPackage> pinning, RunRequirementsInput input)
    {
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string name = parts[0];
        if (!input.PinRunAsBuild.TryGetValue(name, out var pin)) return spec;
        if (name == "python" && input.Build.Noarch == "python") return spec;
        if (ResolvedEnvironments.Find(pinning, name) is not { } resolved) return spec;
        string? version = resolved.Version ?? input.Variant.GetValueOrDefault(name);
        if (version is null)
            throw new CondaRecipesException(BuildErrorCodes.RunPinUnresolved,
                $"pin_run_as_build pins '{name}' to the version it was resolved at, but {resolved} has no known version.",
                input.RecipeFile,
                hint: $"Declare its version (<CondaExternal Include=\"{name}\" Version=\"...\" />), or remove '{name}' from pin_run_as_build in the variant configuration.");
        string bounds = PinExpression.Apply(version.Split(' ')[0], pin.MinPin, pin.MaxPin);
        if (bounds.Length == 0) return spec;
        return string.Join(' ', new[] { name, bounds, parts.Length >= 3 ? parts[2] : "" }.Where(p => p.Length > 0));
    }

    /// <summary>
    /// conda-build's <c>_simplify_to_exact_constraints</c> on run: per name, an exact pin (version and build
    /// without <c>&lt;</c>, <c>&gt;</c>, <c>*</c>) wins; otherwise every versioned spec is kept and a bare name
    /// written beside them is dropped.
    /// </summary>
    private static IEnumerable<string> PreferVersioned(IReadOnlyList<string> specs, string recipeFile)
    {
        foreach (var group in specs.Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).GroupBy(p => p[0]))
        {
            var values = group.Select(p => p[1..]).ToList();
            var exact = values.Where(v => v.Length > 1 && v[0].IndexOfAny(['>', '<', '*']) < 0 && !v[1].Contains('*'))
                .Select(v => string.Join(' ', v)).Distinct().ToList();
            if (values.Count == 1 && values[0].Length == 0)
                yield return group.Key;
            else if (exact.Count > 1)
                throw new CondaRecipesException(BuildErrorCodes.ConflictingExactPins,
                    $"The run requirements pin {group.Key} exactly to different builds: {string.Join(", ", exact.Select(e => $"'{group.Key} {e}'"))}.",
                    recipeFile, hint: "Keep one exact pin of the package in run (and check what run_exports add).");
            else if (exact.Count == 1)
                yield return $"{group.Key} {exact[0]}";
            else
                foreach (var v in values.Where(v => v.Length > 0))
                    yield return $"{group.Key} {string.Join(' ', v)}";
        }
    }
}
