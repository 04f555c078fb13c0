using CondaRecipes.Recipes.Selectors;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// <c>{% import 'file' as name %}</c> as conda-build's loader does it: the file is read from the recipe folder,
/// its line selectors are applied, and it is rendered with the globals only (Jinja imports without the
/// importing template's variables); its top-level <c>set</c> variables become the attributes of <c>name</c>.
/// </summary>
internal static class TemplateImport
{
    /// <summary>The global holding the <see cref="Loader"/>: not a name a template can write.</summary>
    public const string LoaderName = "\u0000import";

    /// <summary>Reads imported templates for one render.</summary>
    public sealed class Loader(string recipeDir, SelectorNamespace ns, Func<string, object?> globals)
    {
        public Dictionary<string, object?> Load(string name, int line)
        {
            string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(recipeDir));
            string path = Path.GetFullPath(Path.Combine(root, name));
            // Jinja's file-system loader finds templates under its search path only: '../x' is not found.
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
                throw TemplateError.Evaluation($"The imported template '{name}' is not in the recipe folder.", line,
                    "Put the template beside meta.yaml and import it by its file name, e.g. {% import 'versions.jinja' as versions %}.");
            try
            {
                var selected = LineSelectors.Apply(TemplateCache.ReadText(path), ns, LineMap.Identity, path);
                var scope = new JinjaScope(globals);
                TemplateRenderer.Render(TemplateCache.Parse(selected.Text), scope);
                return scope.OwnVariables();
            }
            catch (TemplateError e)
            {
                throw new TemplateError(e.Code, $"In the imported template '{name}' (its line {e.Line}): {e.Message}", line, e.Hint);
            }
        }
    }

    public static Dictionary<string, object?> Import(ImportNode node, JinjaScope scope)
    {
        if (scope.Lookup(LoaderName) is not Loader loader)
            throw TemplateError.Syntax("'{% import %}' is only available in a recipe's meta.yaml.", node.Line);
        if (ExpressionEvaluator.Evaluate(node.Template, scope) is not string name)
            throw TemplateError.Evaluation("'{% import %}' needs the template's file name as a string.", node.Line);
        return loader.Load(name, node.Line);
    }
}
