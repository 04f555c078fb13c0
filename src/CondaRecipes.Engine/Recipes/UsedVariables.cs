using System.Text.RegularExpressions;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes;

/// <summary>
/// Which variant variables a recipe uses — conda-build's <c>get_used_vars</c>, decided on the parsed
/// template rather than by regular expressions over its text. A variable is used when the template names
/// it (as given or lower-cased, in any branch), reads it with a constant key through <c>environ</c>,
/// a selector names it, it is <c>{lang}_compiler[_version]</c>/<c>{lang}_stdlib[_version]</c> and the
/// template calls <c>compiler('lang')</c>/<c>stdlib('lang')</c>, it names a build or host requirement
/// (<c>-</c> read as <c>_</c>; run-only requirements do not count, as in conda-build), or build.sh reads
/// <c>$NAME</c>. <c>python</c> counts whenever the variant has a Python version, and
/// <c>target_platform</c> always counts unless the recipe is noarch (conda-build forces it in).
/// </summary>
internal static partial class UsedVariables
{
    [GeneratedRegex(@"^(?<lang>.+?)_(?<kind>compiler|stdlib)(_version)?$")]
    private static partial Regex CompilerKey();

    public static SortedDictionary<string, string> Find(IReadOnlyDictionary<string, string> variant, ParsedTemplate template,
        IReadOnlySet<string> selectorNames, Recipe recipe, string? buildScript, bool hasPython)
    {
        var requirementNames = recipe.Requirements.Build.Concat(recipe.Requirements.Host)
            .Select(r => r.Name.Replace('-', '_')).ToHashSet(StringComparer.Ordinal);
        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in variant)
        {
            string lower = key.ToLowerInvariant();
            bool isUsed =
                template.ReferencedNames.Contains(key) || template.ReferencedNames.Contains(lower)
                || template.EnvironmentKeys.Contains(key)
                || selectorNames.Contains(key) || selectorNames.Contains(lower)
                || requirementNames.Contains(key)
                || UsedByCompilerFunction(key, template)
                || (buildScript is not null && ReadsShellVariable(buildScript, key));
            if (key == "python") isUsed = hasPython;
            if (key == "target_platform") isUsed = recipe.Build.Noarch is null;
            if (isUsed) used[key] = value;
        }
        return used;
    }

    private static bool UsedByCompilerFunction(string key, ParsedTemplate template)
    {
        var m = CompilerKey().Match(key);
        return m.Success && template.CalledFunctions.Contains($"{m.Groups["kind"].Value}('{m.Groups["lang"].Value}')");
    }

    private static bool ReadsShellVariable(string script, string key)
    {
        int i = 0;
        while ((i = script.IndexOf(key, i, StringComparison.Ordinal)) >= 0)
        {
            int end = i + key.Length;
            bool before = (i >= 1 && script[i - 1] == '$') || (i >= 2 && script[i - 1] == '{' && script[i - 2] == '$');
            bool after = end >= script.Length || !(char.IsLetterOrDigit(script[end]) || script[end] == '_');
            if (before && after) return true;
            i = end;
        }
        return false;
    }
}
