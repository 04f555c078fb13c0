using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Yaml;
using YamlDotNet.RepresentationModel;

using static CondaRecipes.Pipeline.Stages.RecordedYaml;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// The meta.yaml a package records in <c>info/recipe/</c>. conda-build writes there the metadata as its build
/// finalized it, not the text its render parsed: the requirements are the ones the package was made with
/// (<c>pin_compatible</c> computed, run_exports added, <c>pin_run_as_build</c> applied — run is exactly what
/// index.json depends on), <c>build/string</c> is the package's, and <c>outputs</c> is left out, an output
/// recording its own requirements, and its own package, build, test and about sections, over the top level's.
/// This engine renders before the environments are resolved, so its text still holds the pending
/// <c>pin_compatible</c> markers; the recorded recipe is that tree with those sections (and build/run_exports,
/// which conda-build renders again with the environments solved) replaced, written in
/// conda-build's section order. Build and host are the packages the environments resolved to (<see cref="RecordEnvironments"/>).
/// </summary>
internal static class RecordedRecipe
{
    private static readonly string[] OwnSections = ["build", "test", "about"];
    private static readonly string[] Sections = ["package", "source", "build", "requirements", "test", "app", "about", "extra"];

    public static string Text(RenderedRecipe rendered, RenderedOutput output, FinalRequirements requirements)
    {
        var top = RecipeYamlReader.Load(rendered.RenderedText, rendered.TemplatePath, LineMap.Identity) ?? new YamlMappingNode();
        var entry = OutputEntry(top, output.Name, output.Output.Kind);
        bool listed = output.Output.Kind == OutputKind.Listed;

        var root = Mapping(top);
        // A listed output's sections replace the top level's, as conda-build's metadata of an output does; a
        // listed output without a test of its own has none (the package carries no other test).
        if (listed)
            foreach (var section in OwnSections)
                if (Get(entry, section) is { } own) Set(root, section, own);
                else if (section == "test") root.Children.Remove(new YamlScalarNode("test"));

        var build = SetIdentity(root, output);
        if (Get(build, "run_exports") is { } exports) Set(build, "run_exports", RunExports(exports, requirements.RunExports));

        // The output's build and host as written: a listed output's own, else (the top level's package, or the
        // output named like it, which inherits them) its entry's or the top level's.
        var written = listed ? Get(entry, "requirements") : Get(entry, "requirements") ?? Get(top, "requirements");
        var reqs = Mapping(written);
        if (!listed) RecordEnvironments(reqs, rendered, output.Recipe, requirements.Environments);
        Set(reqs, "run", List(requirements.Depends));
        if (requirements.Constrains.Count > 0) Set(reqs, "run_constrained", List(requirements.Constrains));
        else reqs.Children.Remove(new YamlScalarNode("run_constrained"));
        Set(root, "requirements", reqs);

        if (Get(root, "test") is YamlMappingNode test && Get(test, "requires") is not null)
        {
            var pinned = Mapping(test);
            Set(pinned, "requires", List(requirements.TestRequires));
            Set(root, "test", pinned);
        }
        // conda-build dumps its sections in one order, and only those; outputs not in a package's recipe.
        var ordered = new YamlMappingNode();
        foreach (var section in Sections)
            if (Get(root, section) is { } value) ordered.Add(section, value);
        return Emit(ordered);
    }

    /// <summary>
    /// conda-build's finalize_metadata writes build and host as the solved environments: every package, those
    /// pulled in too, as <c>name version build</c>, sorted; an environment that resolved to nothing keeps the
    /// requirements as written (get_env_dependencies falls back to them). Without a host section, a recipe
    /// that keeps build apart from host (it calls compiler()) and is not noarch gets the strong run_exports of
    /// build as host (add_upstream_pins). Only the top level's package (or the output named like it) has its
    /// environments here: the engine resolves them once per variant, and a listed output keeps what it wrote.
    /// conda-build solves everything from channels; what the host system provided instead is written with the
    /// version it was found at and its <c>external_*</c> build string (the convention of conda packages standing
    /// for software outside conda, such as conda-forge's external MPI builds, which conda-build records like any
    /// other package), or, its version unknown (a tool on PATH), as the requirement was written.
    /// </summary>
    private static void RecordEnvironments(YamlMappingNode reqs, RenderedRecipe rendered, Recipe recipe, ResolvedEnvironments environments)
    {
        var written = recipe.Requirements;
        bool cross = written.HasHostSection || written.Host.Count > 0;
        if (Resolved(environments.Build, written.Build) is { Count: > 0 } build) Set(reqs, "build", List(build));
        if (cross)
        {
            if (Resolved(environments.Host, written.Host) is { Count: > 0 } host) Set(reqs, "host", List(host));
        }
        else if (rendered.UsesCompilerFunction && recipe.Build.Noarch is null
            && UpstreamExports.Collect(environments.Build, written.Build, recipe.Build).Strong is { Count: > 0 } strong)
            Set(reqs, "host", List(strong.Distinct().Order(StringComparer.Ordinal)));
    }

    private static List<string> Resolved(IReadOnlyList<ResolvedPackage> environment, IReadOnlyList<RecipeRequirement> written) =>
        environment
            .Select(p => p.Version is null ? written.FirstOrDefault(q => q.Name == p.Name)?.Spec ?? p.Name : $"{p.Name} {p.Version} {p.Build}")
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>run_exports in the shape written (a list is the weak list), each entry as the package exports it.</summary>
    private static YamlNode RunExports(YamlNode written, RunExports final)
    {
        if (written is not YamlMappingNode kinds) return List(final.Weak);
        var pinned = new YamlMappingNode();
        foreach (var (key, value) in kinds.Children)
            pinned.Add(key, Key(key) switch
            {
                "weak" => List(final.Weak),
                "strong" => List(final.Strong),
                "noarch" => List(final.Noarch),
                "weak_constrains" => List(final.WeakConstrains),
                "strong_constrains" => List(final.StrongConstrains),
                _ => value,
            });
        return pinned;
    }

    /// <summary>The <c>outputs</c> entry the package comes from; null for the top level's own package.</summary>
    private static YamlMappingNode? OutputEntry(YamlMappingNode top, string name, OutputKind kind) =>
        (kind is OutputKind.Listed or OutputKind.TopLevelName) && Get(top, "outputs") is YamlSequenceNode outputs
            ? outputs.Children.OfType<YamlMappingNode>().FirstOrDefault(o => (Get(o, "name") as YamlScalarNode)?.Value?.Trim() == name)
            : null;

    private static YamlSequenceNode List(IEnumerable<string> specs) => new(specs.Select(Str));
}
