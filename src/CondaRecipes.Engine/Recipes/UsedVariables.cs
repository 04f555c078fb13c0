using System.Text.RegularExpressions;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes;

/// <summary>
/// Which variant variables a recipe uses — conda-build's <c>get_used_vars</c>, decided on the parsed
/// template rather than by regular expressions over its text. A variable is used when the template names
/// it (as given or lower-cased, in any branch), reads it with a constant key through <c>environ</c>,
/// a selector names it, it is <c>{lang}_compiler[_version]</c>/<c>{lang}_stdlib[_version]</c> and the
/// template calls <c>compiler('lang')</c>/<c>stdlib('lang')</c> (then <c>CONDA_BUILD_SYSROOT</c> too, for c
/// and cxx), it is a <c>cdt_</c> key and the template calls <c>cdt()</c>, build.sh reads <c>$NAME</c>, or a
/// requirement is the bare name (<c>- mpi</c>; <c>-</c> read as <c>_</c>): a requirement with a version
/// (<c>- numpy &gt;=1.26</c>) does not make it used. As conda-build's <c>trim_build_only_deps</c>, a variable
/// used only as a requirement is dropped when the bare name is in run but in neither build nor host, or when
/// it is in build but not host and listed in <c>ignore_build_only_deps</c>.
/// <c>python</c> also counts when the template or build.sh reads <c>PY_VER</c>, <c>CONDA_PY</c> or
/// <c>PY3K</c> (they are derived from it here). <c>target_platform</c> always counts unless the recipe is
/// noarch, and <c>channel_targets</c> whenever the variant has it (conda-build forces both in).
/// </summary>
internal static partial class UsedVariables
{
    [GeneratedRegex(@"^(?<lang>.+?)_(?<kind>compiler|stdlib)(_version)?$")]
    private static partial Regex CompilerKey();

    private static readonly string[] PythonDerived = ["PY_VER", "CONDA_PY", "PY3K"];

    public static SortedDictionary<string, string> Find(IReadOnlyDictionary<string, string> variant, ParsedTemplate template,
        IReadOnlySet<string> selectorNames, Recipe recipe, string? buildScript, IReadOnlyList<string> ignoreBuildOnlyDeps)
    {
        var reqs = recipe.Requirements;
        var buildNames = Names(reqs.Build);
        var hostNames = Names(reqs.Host);
        var bare = reqs.Build.Concat(reqs.Host).Concat(reqs.Run)
            .Where(r => r.Spec == r.Name).Select(r => Normalize(r.Name))
            .Concat(recipe.Test.Requires.Where(r => !r.Contains(' ')).Select(Normalize))
            .ToHashSet(StringComparer.Ordinal);

        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in variant)
        {
            string lower = key.ToLowerInvariant();
            bool elsewhere =
                template.ReferencedNames.Contains(key) || template.ReferencedNames.Contains(lower)
                || template.EnvironmentKeys.Contains(key)
                || selectorNames.Contains(key) || selectorNames.Contains(lower)
                || UsedByFunction(key, template)
                || (buildScript is not null && ReadsShellVariable(buildScript, key))
                || (key == "python" && PythonDerived.Any(n => template.ReferencedNames.Contains(n)
                    || (buildScript is not null && ReadsShellVariable(buildScript, n))));
            bool asRequirement = bare.Contains(key) && !TrimmedAsBuildOnly(key, reqs.Run, buildNames, hostNames, ignoreBuildOnlyDeps);
            bool isUsed = elsewhere || asRequirement;
            if (key == "target_platform") isUsed = recipe.Build.Noarch is null;
            if (key == "channel_targets") isUsed = true;
            if (isUsed) used[key] = value;
        }
        if (variant.TryGetValue("CONDA_BUILD_SYSROOT", out var sysroot)
            && (used.ContainsKey("c_compiler") || used.ContainsKey("cxx_compiler") || used.ContainsKey("c_stdlib")))
            used["CONDA_BUILD_SYSROOT"] = sysroot;
        return used;
    }

    /// <summary>conda-build's <c>trim_build_only_deps</c>: the run list is compared as written (so
    /// <c>r_base</c> never equals <c>r-base</c>), build and host by name with '-' read as '_'.</summary>
    private static bool TrimmedAsBuildOnly(string key, IReadOnlyList<RecipeRequirement> run, HashSet<string> build,
        HashSet<string> host, IReadOnlyList<string> ignoreBuildOnlyDeps)
    {
        if (run.Any(r => r.Spec == key))
            return !build.Contains(key) && !host.Contains(key);
        return build.Contains(key) && !host.Contains(key) && ignoreBuildOnlyDeps.Contains(key);
    }

    private static HashSet<string> Names(IEnumerable<RecipeRequirement> reqs) =>
        reqs.Select(r => Normalize(r.Spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? ""))
            .ToHashSet(StringComparer.Ordinal);

    private static string Normalize(string name) => name.Replace('-', '_');

    private static bool UsedByFunction(string key, ParsedTemplate template)
    {
        if (key.StartsWith("cdt_", StringComparison.Ordinal))
            return template.CalledFunctions.Any(f => f.StartsWith("cdt(", StringComparison.Ordinal));
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
