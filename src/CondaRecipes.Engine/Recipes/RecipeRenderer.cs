using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Selectors;
using CondaRecipes.Recipes.Yaml;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes;

/// <summary>
/// Renders a conda-build recipe directory for one variant: meta.yaml → Jinja (cached parse) → line
/// selectors → YAML → <see cref="Recipe"/>, plus the build string, subdir and used variables.
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
        string metaPath = FindMetaYaml(dir);

        string templateText;
        ParsedTemplate template;
        try
        {
            (templateText, template) = TemplateCache.Get(metaPath);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, metaPath);
        }

        var environ = new JinjaEnviron(MergeEnvironment(context));
        var ns = SelectorNamespace.Build(context, environ);

        (string? Name, string? Version, string? BuildNumber) package = (null, null, null);
        if (PackageGlobals.Any(template.ReferencedNames.Contains))
        {
            // First pass, as conda-build does: render with the package globals unknown to learn
            // name, version and build/number, then render again with them.
            var (firstRoot, _, _, firstMap) = RenderPass(template, context, ns, environ, dir, metaPath, package);
            package = ReadPackageGlobals(firstRoot, metaPath, firstMap);
        }
        var (root, text, selectorNames, lineMap) = RenderPass(template, context, ns, environ, dir, metaPath, package);
        var recipe = RecipeYamlReader.Read(root, metaPath, lineMap);

        var variant = CondaGlobals.VariantWithDefaults(context);
        var used = UsedVariables.Find(variant, template, selectorNames, recipe, BuildScripts.Read(dir),
            hasPython: context.PythonVersion is not null);
        var hashContents = BuildString.HashContents(used, recipe);
        string buildString = recipe.Build.String
            ?? BuildString.Default(recipe, context.PythonVersion, BuildString.Hash(hashContents));

        return new RenderedRecipe
        {
            Recipe = recipe,
            RenderedText = text,
            TemplatePath = metaPath,
            TemplateText = templateText,
            BuildString = buildString,
            Subdir = recipe.Build.Noarch is null ? context.Subdir : "noarch",
            UsedVariables = used,
            HashInput = PythonJson.DumpsSorted(hashContents),
            LineMap = lineMap,
            PinRunAsBuild = context.PinRunAsBuild,
            UsesCompilerFunction = template.CalledFunctions.Any(f => f.StartsWith("compiler(", StringComparison.Ordinal)),
        };
    }

    private static (YamlMappingNode? Root, string Text, IReadOnlySet<string> SelectorNames, LineMap Map) RenderPass(
        ParsedTemplate template, RenderContext context, SelectorNamespace ns, JinjaEnviron environ, string dir,
        string metaPath, (string?, string?, string?) package)
    {
        var globals = new CondaGlobals(context, ns, environ, dir, package);
        LineMap lineMap;
        LineSelectors.Result selected;
        try
        {
            var output = TemplateRenderer.Render(template, new JinjaScope(globals.Lookup));
            lineMap = new LineMap(output.LineSources);
            selected = LineSelectors.Apply(output.Text, ns, lineMap);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, metaPath);
        }
        var root = RecipeYamlReader.Load(selected.Text, metaPath, lineMap);
        return (root, selected.Text, selected.UsedNames, lineMap);
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

    private static string FindMetaYaml(string dir)
    {
        foreach (var name in new[] { "meta.yaml", "meta.yml" })
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new CondaRecipesException(RecipeErrorCodes.MetaYamlMissing,
            $"The recipe directory '{dir}' has no meta.yaml (nor meta.yml).", dir, 0,
            "Put the conda-build recipe's meta.yaml in that directory, or point the project at the directory that has it.");
    }

    /// <summary>The context's environment plus the variant variables it does not already have.</summary>
    private static Dictionary<string, string> MergeEnvironment(RenderContext context)
    {
        var env = new Dictionary<string, string>(context.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in context.Variables) env.TryAdd(key, value);
        return env;
    }

    private static CondaRecipesException Wrap(TemplateError e, string metaPath) =>
        new(e.Code, e.Message, metaPath, e.Line, e.Hint, e);
}
