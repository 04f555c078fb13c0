using CondaRecipes.Pipeline;
using CondaRecipes.Recipes;

namespace CondaRecipes.Planning;

/// <summary>
/// The one up-to-date decision for a variant: render → used variables → inputs hash (the project's settings
/// and the engine's) → the stamp of its last build → status and reason. <c>Plan</c> prints it; a build
/// (<see cref="StartAsync"/>) acts on it, so the two always agree.
/// </summary>
public sealed class VariantPlanner(RecipeProject project, IVariantEngine engine)
{
    public RecipeProject Project => project;
    public IVariantEngine Engine => engine;

    /// <exception cref="Diagnostics.CondaRecipesException">When the recipe does not render for this variant.</exception>
    public VariantPlan Plan(VariantRequest variant)
    {
        var context = project.RenderContextFor(variant);
        var rendered = RecipeRenderer.Render(project.RecipeDir, context);
        var stamp = project.StampPath(variant);
        if (rendered.Recipe.Build.Skip)
            return new VariantPlan
            {
                Variant = variant, Rendered = rendered, RenderContext = context, Status = VariantStatus.Skipped, Reason = $"build/skip is true ({SkipLine(rendered)})",
                Packages = [], InputsHash = "", StampPath = stamp,
            };

        var settings = new Dictionary<string, string>(project.HashedSettings(variant), StringComparer.Ordinal);
        foreach (var (name, value) in engine.FingerprintSettings(variant)) settings[name] = value;
        var inputs = VariantFingerprint.Compute(rendered, project.RecipeDir, variant.VariableMap, settings);

        // A recipe that reads its source when rendered (load_*, GIT_*) names its packages only once the source is
        // fetched: the build renders it again then.
        var known = rendered.NeedsSource ? null : engine.KnownPackages(rendered, inputs);
        if (known is null)
        {
            // The engine names its packages only when it builds: the last build's stamp tells what it made.
            var last = BuildStamp.Read(stamp);
            return new VariantPlan
            {
                Variant = variant, Rendered = rendered, RenderContext = context, InputsHash = inputs, StampPath = stamp,
                Status = last is null ? VariantStatus.Missing : VariantStatus.OutOfDate,
                Reason = rendered.NeedsSource ? "needs source: load_* or GIT_* read the source" : last is null ? "never built" : "inputs changed",
                Packages = last?.Packages.Select(p => p.Path).ToList() ?? [],
            };
        }
        // Up to date by its own inputs, it may still have been built against a package that has since changed in
        // its channel (a dependency rebuilt into the local channel): then the stamp's record names it.
        var reason = BuildStamp.OutOfDateReason(stamp, known, inputs)
            ?? Pipeline.Dependencies.InstalledPackageCheck.ChangedReason(BuildStamp.Read(stamp)?.Installed);
        return new VariantPlan
        {
            Variant = variant, Rendered = rendered, RenderContext = context, InputsHash = inputs, StampPath = stamp, Packages = known,
            Status = reason is null ? VariantStatus.UpToDate : reason == BuildStamp.MissingReason ? VariantStatus.Missing : VariantStatus.OutOfDate,
            Reason = reason,
        };
    }

    /// <summary>
    /// Starts building the variant unless the plan says it is skipped or up to date (and <paramref name="force"/> is
    /// false): the log's summary lines say which, as Plan would, and the start is finished. Otherwise its session holds
    /// the variant's lock and the engine's steps (<see cref="VariantBuildSession"/>).
    /// </summary>
    public async Task<VariantBuildStart> StartAsync(VariantRequest variant, bool force, IBuildLog log, CancellationToken cancellationToken)
    {
        var plan = Plan(variant);
        RepairChannel(log);
        if (plan.Status == VariantStatus.Skipped)
        {
            log.Summary($"skipped ({plan.Reason})");
            return Finished(plan, []);
        }
        if (plan.Status == VariantStatus.UpToDate && !force)
        {
            log.Summary($"{string.Join(", ", plan.Packages.Select(Path.GetFileName))} is up to date");
            return Finished(plan, plan.Packages);
        }
        // Another build of this variant (a second dotnet build, a batch job on another node) may hold its work
        // folder; after waiting for it, the decision is taken again: it has usually just built the packages.
        var (held, waited) = await VariantLock.AcquireAsync(project, variant, log, cancellationToken).ConfigureAwait(false);
        try
        {
            return StartHolding(variant, force, plan, held, waited, log);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private VariantBuildStart StartHolding(VariantRequest variant, bool force, VariantPlan plan, IDisposable held, bool waited, IBuildLog log)
    {
        if (waited)
        {
            var before = plan.Status;
            plan = Plan(variant);
            if (plan.Status == VariantStatus.Skipped)
            {
                log.Summary($"skipped ({plan.Reason})");
                held.Dispose();
                return Finished(plan, []);
            }
            // Forced, it still rebuilds packages that were already up to date before the wait, not ones the other build just made.
            if (plan.Status == VariantStatus.UpToDate && (!force || before != VariantStatus.UpToDate))
            {
                log.Summary($"{string.Join(", ", plan.Packages.Select(Path.GetFileName))} is up to date (built by the build it waited for)");
                held.Dispose();
                return Finished(plan, plan.Packages);
            }
        }
        var names = plan.Packages.Count > 0 ? string.Join(", ", plan.Packages.Select(Path.GetFileName)) : plan.Rendered.DistName;
        log.Summary($"building {names}{(engine.Name == NativeVariantEngine.EngineName ? "" : $" with {engine.Name}")} ({(force ? "forced" : plan.Reason)})");
        return new VariantBuildStart(null, new VariantBuildSession(plan, held, engine.Start(plan, log)));
    }

    private static VariantBuildStart Finished(VariantPlan plan, IReadOnlyList<string> packages) =>
        new(new VariantBuildOutcome(plan, packages, Built: false), null);

    /// <summary>Brings the output channel back in step if a killed build left it out of step (docs/channels.md,
    /// "Consistency"), so every build into the channel repairs it, even one with nothing to publish.</summary>
    private void RepairChannel(IBuildLog log)
    {
        if (Channels.Publishing.ChannelRepair.RepairIfNeeded(project.OutputDir) is not { } repair) return;
        foreach (var leftover in repair.LeftoversRemoved) log.Info($"removed {leftover}, left by an interrupted build");
        foreach (var warning in repair.Index.Warnings) log.Warn(warning);
        log.Info($"re-indexed {project.OutputDir}: it was out of step with its files ({repair.Index.PackageCount} packages)");
    }

    /// <summary>The meta.yaml line that set build/skip, with its selector, e.g. <c>meta.yaml:9 skip: true  # [py&lt;310]</c>.</summary>
    private static string SkipLine(RenderedRecipe rendered)
    {
        var renderedLines = rendered.RenderedText.Split('\n');
        int index = Array.FindIndex(renderedLines, l => l.TrimStart().StartsWith("skip:", StringComparison.Ordinal));
        var templateLines = rendered.TemplateText.Split('\n');
        int line = index < 0 ? 0 : rendered.LineMap.ToTemplateLine(index + 1);
        return line <= 0 || line > templateLines.Length
            ? Path.GetFileName(rendered.TemplatePath)
            : $"{Path.GetFileName(rendered.TemplatePath)}:{line} {templateLines[line - 1].Trim()}";
    }
}

/// <summary>What a build of one variant did: the plan it acted on and the package files now in the channel.</summary>
public sealed record VariantBuildOutcome(VariantPlan Plan, IReadOnlyList<string> Packages, bool Built);
