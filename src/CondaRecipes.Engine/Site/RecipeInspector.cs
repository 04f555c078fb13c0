using CondaRecipes.Diagnostics;
using CondaRecipes.Planning;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Site;

/// <summary>
/// Learns what a recipe folder (meta.yaml or recipe.yaml) produces and requires by rendering its first variant as a
/// build would: conda-build's defaults, then the recipe's own variant files, with the Python axis the wrapper would write. Which
/// variant is rendered does not matter here: package names and the names of requirements do not depend on it in
/// any recipe the SDK can build (a requirement a selector adds for one variant only is still found in that variant,
/// which is why every output's requirements of the first variant are read, and the rest is the planner's job).
/// </summary>
public static class RecipeInspector
{
    public sealed record Inspection(IReadOnlyList<string> Packages, IReadOnlyList<string> Requirements, bool NeedsPython, bool ConfigSetsPython);

    public static Inspection Inspect(string recipeDir, IReadOnlyList<string> pythons, IReadOnlyDictionary<string, string> environment, string subdir)
    {
        var readContext = new RenderContext { Environment = environment };
        var specs = new List<VariantConfigSpec> { VariantDefaults.For(subdir, RecipeFormat.KindOf(recipeDir)) };
        bool configSetsPython = false;
        try
        {
            // The variant files the SDK reads beside the recipe itself (conda_build_config.yaml; for a recipe.yaml
            // also variants.yaml), so python set in any of them is the recipe's own axis.
            foreach (var own in RecipeFormat.OwnVariantFiles(recipeDir))
            {
                var spec = VariantConfigReader.Read(own, readContext);
                configSetsPython |= spec.Contains(ConfiguredMatrix.PythonKey);
                specs.Add(spec);
            }
            var config = VariantConfigMerger.Combine(specs);
            TargetPlatformCheck.Check(config, subdir);
            var axes = !configSetsPython && pythons.Count > 0
                ? new List<AxisDeclaration> { new(MatrixVariable.Python, pythons) }
                : new List<AxisDeclaration>();
            var first = ConfiguredMatrix.Expand(config, axes, new Dictionary<string, string>()).Variants[0];
            var request = new VariantRequest(first.Id, first.ToString(), first.Variables.ToList(), first.PythonVersion)
                { Settings = config.Settings.ToText() };
            var rendered = RecipeRenderer.Render(recipeDir, VariantRenderContext.Create(request, environment, new Dictionary<string, string>()));

            var packages = rendered.Outputs.Select(o => o.Name).Append(rendered.Recipe.Package.Name)
                .Distinct(StringComparer.Ordinal).ToList();
            var requirements = rendered.Outputs.Select(o => o.Recipe.Requirements).Append(rendered.Recipe.Requirements)
                .SelectMany(r => r.Build.Concat(r.Host).Concat(r.Run))
                .Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new Inspection(packages, requirements, requirements.Contains("python"), configSetsPython);
        }
        catch (CondaRecipesException e)
        {
            throw new CondaRecipesException(SiteErrorCodes.WrapRenderFailed,
                $"The recipe '{recipeDir}' could not be rendered to learn its packages and requirements: {e.Code}: {e.FullMessage}",
                e.File ?? RecipeFormat.FileFor(recipeDir), e.Line,
                "Fix the recipe, or give the variables it needs (CondaEnvironment items of the site, or a conda_build_config.yaml or, for a recipe.yaml, variants.yaml beside it).", e);
        }
    }
}
