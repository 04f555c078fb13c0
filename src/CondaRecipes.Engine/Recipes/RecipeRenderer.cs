using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Outputs;
using CondaRecipes.Recipes.Selectors;
using CondaRecipes.Recipes.Variants;
using CondaRecipes.Recipes.Yaml;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes;

/// <summary>
/// Renders a conda-build recipe directory for one variant as conda-build does: meta.yaml → line selectors
/// and comments → Jinja (cached parse) → line selectors again → YAML → <see cref="Recipe"/>, plus the build
/// string, subdir, used variables and warnings.
/// Every failure is a <see cref="CondaRecipesException"/> with a CR10xx code, the meta.yaml path and the
/// template line. Thread-safe; parsed templates are shared between calls.
/// </summary>
public static class RecipeRenderer
{
    private static readonly string[] PackageGlobals = ["PKG_NAME", "PKG_VERSION", "PKG_BUILDNUM"];

    public static RenderedRecipe Render(string recipeDir, RenderContext context)
    {
        ArgumentNullException.ThrowIfNull(recipeDir);
        ArgumentNullException.ThrowIfNull(context);
        string dir = Path.GetFullPath(recipeDir);
        if (!Directory.Exists(dir))
            throw new CondaRecipesException(RecipeErrorCodes.RecipeDirectoryMissing,
                $"The recipe directory '{dir}' does not exist.", dir, 0,
                "Check the recipe directory property of the project (relative paths are taken from the project's directory).");
        var found = RecipeFormat.Find(dir);
        if (found.Kind == RecipeFormatKind.RecipeYaml) return V1.V1RecipeRenderer.Render(found.Path, context);
        string metaPath = found.Path;
        string templateText = TemplateCache.ReadText(metaPath);

        var selectorEnviron = new JinjaEnviron(MergeEnvironment(context, withSource: false));
        var environ = new JinjaEnviron(MergeEnvironment(context, withSource: true));
        var ns = SelectorNamespace.Build(context, selectorEnviron);

        // As conda-build: selectors and comment lines go before Jinja sees the text, so a line a selector
        // drops (or a comment) can hold Jinja that would not render here.
        LineSelectors.Result selected;
        ParsedTemplate template;
        try
        {
            selected = LineSelectors.Apply(templateText, ns, LineMap.Identity, metaPath);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, metaPath, LineMap.Identity);
        }
        try
        {
            template = TemplateCache.Parse(selected.Text);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, metaPath, selected.Map);
        }

        (string? Name, string? Version, string? BuildNumber) package = (null, null, null);
        if (PackageGlobals.Any(template.ReferencedNames.Contains))
        {
            // First pass, as conda-build does: render with the package globals unknown to learn
            // name, version and build/number, then render again with them.
            var first = RenderPass(template, selected.Map, context, ns, environ, dir, metaPath, package, null);
            package = ReadPackageGlobals(first.Root, metaPath, first.Map);
        }
        var variant = VariantValues.WithDefaults(context.Variables, context.PythonVersion, context.Subdir);
        string? buildScript = BuildScripts.Read(dir);
        var pass = RenderPass(template, selected.Map, context, ns, environ, dir, metaPath, package, null);
        var (recipe, outputs, selectorNames) = Read(pass);
        SubpackagePins? pins = null;
        if (template.ReferencedNames.Contains("pin_subpackage"))
        {
            // As conda-build's finalize_outputs_pass: render again, now that the outputs' versions and build
            // strings are known, so pin_subpackage can pin against them.
            pins = new SubpackagePins(outputs.ToDictionary(o => o.Name, o => (o.Recipe.Package.Version, o.BuildString), StringComparer.Ordinal));
            pass = RenderPass(template, selected.Map, context, ns, environ, dir, metaPath, package, pins);
            (recipe, outputs, selectorNames) = Read(pass);
        }
        var top = BuildIdentity(recipe, variant, template, selectorNames, buildScript, context, templateText);
        if (top.Hash.Length > 0 && template.ReferencedNames.Contains("PKG_HASH"))
        {
            // The hash depends on the used variables and run requirements, never on what PKG_HASH renders
            // into, so one more pass with its value gives the final text.
            pass = RenderPass(template, selected.Map, context, ns, environ, dir, metaPath, package, pins, top.Hash[1..]);
            (recipe, outputs, selectorNames) = Read(pass);
            top = BuildIdentity(recipe, variant, template, selectorNames, buildScript, context, templateText);
        }
        return new RenderedRecipe
        {
            Recipe = recipe,
            RenderedText = pass.Text,
            TemplatePath = metaPath,
            TemplateText = templateText,
            BuildString = top.BuildString,
            Subdir = top.Subdir,
            UsedVariables = top.UsedVariables,
            HashInput = top.HashInput,
            Hash = top.Hash,
            LineMap = pass.Map,
            PinRunAsBuild = context.PinRunAsBuild,
            Outputs = outputs,
            UsesCompilerFunction = template.CalledFunctions.Any(f => f.StartsWith("compiler(", StringComparison.Ordinal)),
            Warnings = selected.Warnings.Concat(pass.Warnings).DistinctBy(w => (w.Code, w.Line, w.Message)).ToList(),
            NeedsSource = pass.NeedsSource,
        };

        // The typed recipe, its packages and the selector names (of the template and of Jinja's output) of one pass.
        (Recipe, IReadOnlyList<RenderedOutput>, HashSet<string>) Read(Pass p)
        {
            var r = RecipeYamlReader.Read(p.Root, metaPath, p.Map, versionFromSource: p.NeedsSource);
            var names = new HashSet<string>(selected.UsedNames, StringComparer.Ordinal);
            names.UnionWith(p.SelectorNames);
            return (r, RenderOutputs(p.Root, r, metaPath, p.Map, templateText, variant, template, names, buildScript, context, ns, dir), names);
        }
    }

    private static IReadOnlyList<RenderedOutput> RenderOutputs(YamlMappingNode? root, Recipe recipe, string metaPath, LineMap lineMap,
        string templateText, IReadOnlyDictionary<string, string> variant, ParsedTemplate template, IReadOnlySet<string> selectorNames,
        string? buildScript, RenderContext context, SelectorNamespace ns, string dir)
    {
        if (root is null || !OutputsReader.HasOutputs(root, metaPath, lineMap))
            return [BuildIdentity(recipe, variant, template, selectorNames, buildScript, context, templateText) with
            {
                Output = new RecipeOutput { Name = recipe.Package.Name, Recipe = recipe, Kind = OutputKind.Implicit },
            }];
        return OutputsReader.Read(root, recipe, metaPath, lineMap, templateText)
            .Select(o => OutputSection.For(o, templateText, ns, metaPath, dir, buildScript) is { } own
                ? BuildIdentity(o.Recipe, variant, own.Template, own.SelectorNames, own.Script, context, templateText) with { Output = o }
                : BuildIdentity(o.Recipe, variant, template, selectorNames, buildScript, context, templateText) with { Output = o })
            .ToList();
    }

    /// <summary>The build string, subdir and used variables of one package of the recipe.</summary>
    private static RenderedOutput BuildIdentity(Recipe recipe, IReadOnlyDictionary<string, string> variant, ParsedTemplate template,
        IReadOnlySet<string> selectorNames, string? buildScript, RenderContext context, string templateText)
    {
        var used = UsedVariables.Find(variant, template, selectorNames, recipe, buildScript, context.IgnoreBuildOnlyDeps);
        var hashContents = BuildString.HashContents(used, recipe, context.IgnoreVersion, templateText);
        string hash = BuildString.Hash(hashContents);
        return new RenderedOutput
        {
            Output = new RecipeOutput { Name = recipe.Package.Name, Recipe = recipe },
            BuildString = recipe.Build.String is { } explicitString
                ? BuildString.Explicit(explicitString, templateText, hash)
                : BuildString.Default(recipe, variant, templateText, hash),
            Subdir = recipe.Build.Noarch is null ? context.Subdir : "noarch",
            UsedVariables = used,
            HashInput = PythonJson.DumpsSorted(hashContents),
            Hash = hash,
        };
    }

    private sealed record Pass(YamlMappingNode? Root, string Text, IReadOnlySet<string> SelectorNames, LineMap Map,
        IReadOnlyList<Diagnostic> Warnings, bool NeedsSource);

    /// <param name="templateMap">Maps lines of the selected template text to lines of the meta.yaml.</param>
    private static Pass RenderPass(ParsedTemplate template, LineMap templateMap, RenderContext context,
        SelectorNamespace ns, JinjaEnviron environ, string dir, string metaPath, (string?, string?, string?) package,
        SubpackagePins? pins, string? pkgHash = null)
    {
        var globals = new CondaGlobals(context, ns, environ, dir, package, pins, pkgHash);
        RenderOutput output;
        try
        {
            output = TemplateRenderer.Render(template, new JinjaScope(globals.Lookup));
        }
        catch (TemplateError e)
        {
            throw Wrap(e, metaPath, templateMap);
        }
        var lineMap = templateMap.Then(output.LineSources);
        LineSelectors.Result selected;
        try
        {
            // Jinja may have produced selectors of its own; conda-build applies them again before YAML.
            selected = LineSelectors.Apply(output.Text, ns, lineMap, metaPath);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, metaPath, LineMap.Identity);
        }
        bool needsSource = context.SourceDir is null
            && (globals.Loads.NeededSource || CondaGlobals.SourceVariableNames.Any(template.ReferencedNames.Contains)
                || CondaGlobals.SourceVariableNames.Any(template.EnvironmentKeys.Contains));
        var root = RecipeYamlReader.Load(selected.Text, metaPath, selected.Map);
        return new Pass(root, selected.Text, selected.UsedNames, selected.Map, selected.Warnings, needsSource);
    }

    private static (string?, string?, string?) ReadPackageGlobals(YamlMappingNode? root, string metaPath, LineMap map)
    {
        var fields = new YamlFields(metaPath, map);
        var package = fields.Get(root, "package") as YamlMappingNode;
        string? name = (fields.Get(package, "name") as YamlScalarNode)?.Value;
        string? version = (fields.Get(package, "version") as YamlScalarNode)?.Value;
        int number = RecipeYamlReader.ReadBuildNumber(root, metaPath, map);
        return (name, version, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The context's environment plus the variant variables it does not already have, and (for
    /// Jinja's <c>environ</c>, not for selectors, as in conda-build) the source's <c>GIT_*</c> variables and
    /// <c>CONDA_BUILD_STATE=RENDER</c>.</summary>
    private static Dictionary<string, string> MergeEnvironment(RenderContext context, bool withSource)
    {
        var env = new Dictionary<string, string>(context.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in context.Variables) env.TryAdd(key, value);
        if (withSource)
        {
            foreach (var (key, value) in context.SourceVariables) env[key] = value;
            // conda-build sets it in its environment while it renders (the build script sees BUILD, the test TEST).
            env["CONDA_BUILD_STATE"] = "RENDER";
        }
        return env;
    }

    /// <param name="map">Maps the lines the error names (of the selected template text) to meta.yaml lines.</param>
    private static CondaRecipesException Wrap(TemplateError e, string metaPath, LineMap map) =>
        new(e.Code, e.Message, metaPath, e.Line > 0 ? map.ToTemplateLine(e.Line) : 0, e.Hint, e);
}
