using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Pins;
using YamlDotNet.RepresentationModel;

using static CondaRecipes.Pipeline.Stages.RecordedYaml;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// The <c>rendered_recipe.yaml</c> a recipe.yaml package records in <c>info/recipe/</c>, in rattler-build's
/// shape: <c>recipe</c> (the rendered recipe), <c>build_configuration</c> (the parts this engine knows: the
/// platforms and the variant the package used) and <c>finalized_dependencies</c>: for build and host the
/// specs written and the channel packages they resolved to, for run the final depends and constraints (what
/// index.json holds), each saying where it came from, and the package's own run_exports.
/// This engine renders before the environments are resolved, so the rendered text still holds the pending
/// <c>pin_compatible</c> markers; in <c>recipe</c> each is written as rattler-build serializes an unresolved
/// pin (a <c>pin_compatible</c> mapping with its bounds), and the pin it became is in the finalized run.
/// </summary>
internal static class V1RecordedRecipe
{
    public static string Text(RenderedRecipe rendered, RenderedOutput output, FinalRequirements requirements)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(rendered.RenderedText));
        var tree = yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode m ? m : new YamlMappingNode();
        var recipe = (YamlMappingNode)WithPins(PackageRecipe(tree, output));

        var root = new YamlMappingNode
        {
            { "recipe", recipe },
            { "build_configuration", BuildConfiguration(rendered, output) },
            { "finalized_dependencies", Finalized(output, requirements) },
        };
        return Emit(root);
    }

    /// <summary>
    /// The recipe of this package, as rattler-build records an output: a listed output's own sections over the
    /// top level's (<c>build</c>, <c>requirements</c> and <c>about</c> merged key by key, as the reader merges
    /// them), without the <c>outputs</c> list; the package's name and version (a string, '2.0' not 2.0) and
    /// <c>build/string</c> the one it was built with. What an output inherits from a staging output is in its
    /// requirements and files, not repeated here.
    /// </summary>
    private static YamlMappingNode PackageRecipe(YamlMappingNode tree, RenderedOutput output)
    {
        var entry = output.Output.Kind == OutputKind.Listed && Get(tree, "outputs") is YamlSequenceNode outputs
            ? outputs.Children.OfType<YamlMappingNode>().FirstOrDefault(o =>
                (Get(Get(o, "package") as YamlMappingNode, "name") as YamlScalarNode)?.Value?.Trim() == output.Name)
            : null;
        var recipe = new YamlMappingNode();
        foreach (var (key, value) in tree.Children)
        {
            string name = ((YamlScalarNode)key).Value ?? "";
            if (entry is null) recipe.Add(key, value);
            else if (name is "schema_version" or "context") recipe.Add(key, value);
        }
        if (entry is not null)
        {
            recipe.Add("package", new YamlMappingNode());
            foreach (var section in new[] { "source", "build", "requirements", "tests", "about", "extra" })
            {
                var own = Get(entry, section);
                var top = section is "tests" ? null : Get(tree, section);
                var merged = section is "build" or "requirements" or "about" && top is YamlMappingNode a && own is YamlMappingNode b
                    ? Merge(a, b) : own ?? top;
                if (merged is not null) recipe.Add(section, merged);
            }
        }
        SetIdentity(recipe, output);
        return recipe;
    }

    /// <summary>Key by key, the output's value winning; nested mappings merged the same way (V1Merge's rule).</summary>
    private static YamlMappingNode Merge(YamlMappingNode top, YamlMappingNode own)
    {
        var merged = new YamlMappingNode();
        foreach (var (key, value) in top.Children)
            merged.Add(key, own.Children.TryGetValue(key, out var mine)
                ? value is YamlMappingNode a && mine is YamlMappingNode b ? Merge(a, b) : mine
                : value);
        foreach (var (key, value) in own.Children)
            if (!top.Children.ContainsKey(key)) merged.Add(key, value);
        return merged;
    }

    /// <summary>The tree with every pending marker replaced by rattler-build's form of the call.</summary>
    private static YamlNode WithPins(YamlNode node) => node switch
    {
        YamlScalarNode s when s.Value is { } v && PinCompatible.FromSpec(v) is { } pin =>
            new YamlMappingNode { { "pin_compatible", PinArgs(pin, new YamlMappingNode { { "name", Str(pin.Name) } }) } },
        YamlMappingNode m => Copy(m),
        YamlSequenceNode q => new YamlSequenceNode(q.Children.Select(WithPins)),
        _ => node,
    };

    private static YamlMappingNode Copy(YamlMappingNode map)
    {
        var copy = new YamlMappingNode();
        foreach (var (key, value) in map.Children) copy.Add(key, WithPins(value));
        return copy;
    }

    /// <summary>
    /// rattler-build's pin arguments: <c>lower_bound</c> and <c>upper_bound</c> a pin expression or a version
    /// (left out when None), <c>exact</c> only when true.
    /// </summary>
    private static YamlMappingNode PinArgs(PinCompatible pin, YamlMappingNode into)
    {
        if ((pin.LowerBound ?? pin.MinPin) is { } lower) into.Add("lower_bound", Str(lower));
        if ((pin.UpperBound ?? pin.MaxPin) is { } upper) into.Add("upper_bound", Str(upper));
        if (pin.Exact) into.Add("exact", new YamlScalarNode("true"));
        return into;
    }

    private static YamlMappingNode BuildConfiguration(RenderedRecipe rendered, RenderedOutput output)
    {
        var variant = new YamlMappingNode();
        foreach (var (key, value) in output.UsedVariables) variant.Add(key, Str(value));
        return new YamlMappingNode
        {
            { "target_platform", output.Subdir },
            { "host_platform", rendered.Subdir },
            { "build_platform", rendered.Subdir },
            { "variant", variant },
        };
    }

    private static YamlMappingNode Finalized(RenderedOutput output, FinalRequirements requirements)
    {
        var reqs = output.Recipe.Requirements;
        var envs = requirements.Environments;
        var run = new YamlMappingNode
        {
            { "depends", new YamlSequenceNode(requirements.Depends.Select(s => Origin(s, reqs.Run, envs, e => [.. e.Weak, .. e.Strong, .. e.Noarch]))) },
            { "constraints", new YamlSequenceNode(requirements.Constrains.Select(s => Origin(s, reqs.RunConstrained, envs, e => [.. e.WeakConstrains, .. e.StrongConstrains]))) },
        };
        var exports = requirements.RunExports;
        var own = new Packaging.RunExports
        {
            Weak = exports.Weak, Strong = exports.Strong, Noarch = exports.Noarch,
            WeakConstrains = exports.WeakConstrains, StrongConstrains = exports.StrongConstrains,
        };
        if (!own.IsEmpty)
        {
            var map = new YamlMappingNode();
            foreach (var (key, value) in own.ToJson())
                map.Add(key, new YamlSequenceNode(value!.AsArray().Select(v => Str((string)v!))));
            run.Add("run_exports", map);
        }
        // rattler-build leaves an environment the recipe does not have as null.
        bool listed = output.Output.Kind == OutputKind.Listed;
        return new YamlMappingNode
        {
            { "build", reqs.Build.Count > 0 ? Environment(reqs.Build, envs.Build, listed) : new YamlScalarNode("null") },
            { "host", reqs.Host.Count > 0 || reqs.HasHostSection ? Environment(reqs.Host, envs.Host, listed) : new YamlScalarNode("null") },
            { "run", run },
        };
    }

    /// <summary>
    /// The specs written and the packages resolved. rattler-build lists repodata records there, every one from
    /// a channel; what the host system provided (a CondaExternal, the variant's Python, a tool on PATH) has no
    /// record, so it is not listed (its spec is). rattler-build resolves each output's environments; the engine
    /// resolves the variant's once, so for a listed output only the packages its own specs name are listed
    /// (those it was built against), not the variant's whole environment.
    /// </summary>
    private static YamlMappingNode Environment(IReadOnlyList<RecipeRequirement> written, IReadOnlyList<ResolvedPackage> resolved,
        bool listed) => new()
    {
        { "specs", new YamlSequenceNode(written.Select(q => new YamlMappingNode { { "source", Str(q.Spec) } })) },
        { "resolved", new YamlSequenceNode(resolved
            .Where(p => !p.OnHost && (!listed || written.Any(q => q.Name == p.Name))).Select(Record)) },
    };

    private static YamlMappingNode Record(ResolvedPackage package)
    {
        var record = new YamlMappingNode
        {
            { "name", package.Name },
            { "version", Str(package.Version ?? "") },
            { "build", Str(package.Build) },
        };
        if (package.Archive is { } archive)
        {
            record.Add("subdir", archive.Subdir);
            record.Add("sha256", archive.Sha256);
            record.Add("fn", archive.FileName);
            record.Add("url", $"{package.Source.TrimEnd('/')}/{archive.Subdir}/{archive.FileName}");
        }
        record.Add("channel", package.Source);
        return record;
    }

    /// <summary>
    /// One final requirement as rattler-build records it: <c>pin_compatible</c> with its arguments and the spec
    /// it gave, <c>spec</c>/<c>from</c>/<c>run_export</c> for an export of a package in host or build, else
    /// <c>source</c> (written in the recipe, pin_run_as_build applied).
    /// </summary>
    private static YamlMappingNode Origin(string spec, IReadOnlyList<RecipeRequirement> written, ResolvedEnvironments envs,
        Func<Packaging.RunExports, IEnumerable<string>> exportsOf)
    {
        foreach (var pin in written.Select(q => q.PendingPin).OfType<PinCompatible>())
        {
            var resolved = ResolvedEnvironments.Find(envs.Host, pin.Name) ?? ResolvedEnvironments.Find(envs.Build, pin.Name);
            if (!Same(pin.Resolve(resolved?.Version, resolved?.Build), spec)) continue;
            var entry = PinArgs(pin, new YamlMappingNode { { "pin_compatible", Str(pin.Name) } });
            entry.Add("spec", Str(spec));
            return entry;
        }
        foreach (var (environment, packages) in new[] { ("host", envs.Host), ("build", envs.Build) })
            if (packages.FirstOrDefault(p => exportsOf(p.RunExports).Any(e => Same(e, spec))) is { } exporter)
                return new YamlMappingNode
                {
                    { "spec", Str(spec) }, { "from", environment }, { "run_export", exporter.Name },
                };
        return new YamlMappingNode { { "source", Str(spec) } };
    }

    private static bool Same(string? a, string b) =>
        a is not null && string.Join(' ', a.Split(' ', StringSplitOptions.RemoveEmptyEntries)) == b;
}
