using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Outputs;
using CondaRecipes.Recipes.Variants;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Renders a <c>recipe.yaml</c> (the v1 format of CEP-13/CEP-14, as rattler-build reads it) for one variant
/// into the same <see cref="RenderedRecipe"/> a meta.yaml gives, so that everything after the render (plan,
/// environments, build script, relocation, packaging, index, fingerprint, batch jobs) is the same engine:
/// YAML → <c>context:</c> in order → expressions and <c>if/then/else</c> (<see cref="V1TreeResolver"/>) →
/// the model (<see cref="V1RecipeReader"/>). As for meta.yaml, a recipe that calls <c>pin_subpackage</c> is
/// rendered again once its outputs' build strings are known. Used variables, the build-string hash and
/// the default build string follow rattler-build's rules (<see cref="V1HashInfo"/>): <c>${{ hash }}</c> is
/// the 7 hex digits alone and the default build string is always <c>&lt;prefix&gt;h&lt;hash&gt;_&lt;number&gt;</c>.
/// </summary>
public static class V1RecipeRenderer
{
    // Stands for ${{ hash }} until each output's hash is known; replaced in build strings.
    private const string HashPlaceholder = "V1HASHPLACEHOLDER";

    /// <param name="recipeFile">Full path of the recipe.yaml.</param>
    public static RenderedRecipe Render(string recipeFile, RenderContext context)
    {
        string file = Path.GetFullPath(recipeFile);
        try
        {
            return RenderFile(file, context);
        }
        catch (TemplateError e)
        {
            // Every expression names its own line; this catches what is evaluated past them (a value printed
            // into a build string), so that no Jinja-layer error leaves the renderer without its code and file.
            throw V1Expressions.Coded(e, e.Message, file, e.Line);
        }
    }

    private static RenderedRecipe RenderFile(string file, RenderContext context)
    {
        string dir = Path.GetDirectoryName(file)!;
        string text = TemplateCache.ReadText(file);
        var raw = V1Yaml.Load(text, file);
        V1BuildSteps.Refuse(raw, file);
        var template = V1Yaml.Expressions(raw, file);
        var shadowing = V1Context.Shadowing(raw, file);
        var variant = VariantValues.WithDefaults(context.Variables, context.PythonVersion, context.Subdir);
        var typed = V1VariantTypes.Of(dir, variant, context);

        var pass = RenderPass(raw, context, dir, file, null, typed);
        var outputs = Identities(pass.Read, variant, typed, Templates(raw, file, pass), shadowing, context, text, dir, Siblings.None);
        if (template.ReferencedNames.Contains("pin_subpackage"))
        {
            // An exact pin hashes the pinned output's build string (V1HashInfo), which may itself hash an exact
            // pin: render again until the strings settle — at most once per output along a chain of pins.
            for (int round = 0; round <= outputs.Count; round++)
            {
                var known = KnownOutputs(outputs);
                pass = RenderPass(raw, context, dir, file, new SubpackagePins(known), typed);
                var next = Identities(pass.Read, variant, typed, Templates(raw, file, pass), shadowing, context, text, dir, known);
                bool settled = KnownOutputs(next).SequenceEqual(known);
                outputs = next;
                if (settled) break;
            }
        }
        var top = Identity(pass.Read.Recipe, variant, typed, Templates(raw, file, pass).Whole, shadowing, context, text, ScriptText(pass.Read.Recipe, dir), Siblings.None);
        var (rendered, map) = V1Emitter.Emit(pass.Root);
        return new RenderedRecipe
        {
            Recipe = pass.Read.Recipe,
            RenderedText = rendered.Replace(HashPlaceholder, HashText(top), StringComparison.Ordinal)
                .Replace(V1TreeResolver.BuildNumberPlaceholder, Number(pass.Read.Recipe), StringComparison.Ordinal),
            TemplatePath = file,
            TemplateText = text,
            BuildString = top.BuildString,
            Subdir = top.Subdir,
            UsedVariables = UsedByAny(top, outputs),
            // Every branch counts for the matrix: the variant that takes a branch uses what it names.
            LoopVariables = V1UsedVariables.Find(variant, template, pass.Read.Recipe, ScriptText(pass.Read.Recipe, dir),
                context.IgnoreBuildOnlyDeps, shadowing).Concat(UsedByAny(top, outputs))
                .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            HashInput = top.HashInput,
            Hash = top.Hash,
            LineMap = map,
            PinRunAsBuild = context.PinRunAsBuild,
            Outputs = outputs,
            UsesCompilerFunction = template.CalledFunctions.Any(f => f.StartsWith("compiler(", StringComparison.Ordinal)),
        };
    }

    /// <summary>
    /// What the variant uses is what any of its packages uses: the staging build may not name python while an
    /// output built on it does, and the matrix must keep a variant per Python for that output.
    /// </summary>
    private static IReadOnlyDictionary<string, string> UsedByAny(RenderedOutput top, IReadOnlyList<RenderedOutput> outputs)
    {
        var used = new SortedDictionary<string, string>(top.UsedVariables.ToDictionary(), StringComparer.Ordinal);
        foreach (var output in outputs)
            foreach (var (key, value) in output.UsedVariables) used[key] = value;
        return used;
    }

    private sealed record Pass(V1Mapping Root, V1RecipeReader.Result Read, IReadOnlySet<YamlNode> Untaken, JinjaScope Scope);

    /// <summary>What the used variables are read from: the expressions of the branches this pass took.</summary>
    private static OutputTemplates Templates(YamlMappingNode raw, string file, Pass pass) =>
        new(V1Yaml.Expressions(raw, file, pass.Untaken, pass.Scope), V1OutputTemplates.For(raw, file, pass.Untaken, pass.Scope));

    private static Pass RenderPass(YamlMappingNode raw, RenderContext context, string dir, string file, SubpackagePins? pins,
        IReadOnlyDictionary<string, object> typed)
    {
        var expressions = new V1Expressions(V1Globals.Create(context, dir, pins, HashPlaceholder, typed), file);
        V1Context.Apply(raw, expressions, file);
        var resolver = new V1TreeResolver(expressions, file);
        var root = (V1Mapping)resolver.Resolve(raw)!;
        return new Pass(root, V1RecipeReader.Read(root, dir, expressions), resolver.Untaken, expressions.Scope);
    }

    /// <summary>The whole recipe's expressions, and each listed output's own (<see cref="V1OutputTemplates"/>).</summary>
    private sealed record OutputTemplates(ParsedTemplate Whole, IReadOnlyDictionary<int, ParsedTemplate> ByLine);

    private static class Siblings
    {
        public static readonly IReadOnlyDictionary<string, (string Version, string BuildString)> None =
            new Dictionary<string, (string, string)>();
    }

    private static Dictionary<string, (string Version, string BuildString)> KnownOutputs(IReadOnlyList<RenderedOutput> outputs) =>
        outputs.ToDictionary(o => o.Name, o => (o.Recipe.Package.Version, o.BuildString), StringComparer.Ordinal);

    private static List<RenderedOutput> Identities(V1RecipeReader.Result read, IReadOnlyDictionary<string, string> variant,
        IReadOnlyDictionary<string, object> typed, OutputTemplates templates, IReadOnlySet<string> shadowing, RenderContext context, string text, string dir,
        IReadOnlyDictionary<string, (string Version, string BuildString)> siblings) =>
        read.Outputs.Select(o =>
        {
            // The build script of an output: its own lines, else (a recipe without outputs) build.sh or build.script.
            string? script = o.ScriptLines.Count > 0 ? string.Join("\n", o.ScriptLines)
                : o.Kind == OutputKind.Implicit ? ScriptText(o.Recipe, dir) : null;
            var template = templates.ByLine.GetValueOrDefault(o.Line, templates.Whole);
            return Identity(o.Recipe, variant, typed, template, shadowing, context, text, script, siblings) with { Output = o };
        }).ToList();

    private static string? ScriptText(Recipe recipe, string dir) =>
        recipe.Build.Script.Count > 0 ? string.Join("\n", recipe.Build.Script) : BuildScripts.Read(dir);

    /// <summary>Build string, subdir, used variables and hash of one package: used variables by the engine's
    /// rules with rattler-build's difference (<see cref="V1UsedVariables"/>), hash and default build string by
    /// rattler-build's (<see cref="V1HashInfo"/>).</summary>
    /// <param name="typed">The variant values rattler-build reads as bools or ints (<see cref="V1VariantTypes"/>).</param>
    private static RenderedOutput Identity(Recipe recipe, IReadOnlyDictionary<string, string> variant,
        IReadOnlyDictionary<string, object> typed, ParsedTemplate template,
        IReadOnlySet<string> shadowing, RenderContext context, string text, string? buildScript,
        IReadOnlyDictionary<string, (string Version, string BuildString)> siblings)
    {
        var used = V1UsedVariables.Find(variant, template, recipe, buildScript, context.IgnoreBuildOnlyDeps, shadowing);
        var hashed = V1HashInfo.HashVariant(used, variant, recipe, context.Subdir, siblings);
        string input = V1HashInfo.Input(hashed, variant, typed);
        string hash = V1HashInfo.Hash(input);
        var identity = new RenderedOutput
        {
            Output = new RecipeOutput { Name = recipe.Package.Name, Recipe = recipe },
            BuildString = V1HashInfo.Default(V1HashInfo.Prefix(hashed, recipe.Build.Noarch), hash, recipe.Build.Number),
            Subdir = recipe.Build.Noarch is null ? context.Subdir : "noarch",
            UsedVariables = used,
            HashInput = input,
            Hash = "h" + hash,
        };
        if (recipe.Build.String is { } explicitString)
            identity = identity with
            {
                BuildString = explicitString.Replace(HashPlaceholder, hash, StringComparison.Ordinal)
                    .Replace(V1TreeResolver.BuildNumberPlaceholder, Number(recipe), StringComparison.Ordinal),
            };
        return identity;
    }

    private static string Number(Recipe recipe) => recipe.Build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>${{ hash }}</c>: the 7 hex digits alone, as rattler-build gives it (recipes write <c>h${{ hash }}</c>).</summary>
    private static string HashText(RenderedOutput identity) => identity.Hash[1..];
}
