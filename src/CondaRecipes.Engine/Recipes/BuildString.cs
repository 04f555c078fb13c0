using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes;

/// <summary>
/// conda-build's default build string (<c>build_string_from_metadata</c> + <c>build_id</c>) for a recipe
/// without <c>build/string</c>: the legacy prefixes (<c>np119py311</c>, see <see cref="Prefix"/>), then <c>h</c> + the first 7 hex digits of
/// sha1(<c>json.dumps(hash contents, sort_keys=True)</c>), then <c>_</c> + the build number.
/// The hash contents (<c>get_hash_contents</c>) are the used variables minus those whose name starts with
/// one the prefix already shows (python, r_base, perl, lua) or with an <c>ignore_version</c> entry — unless
/// the value has a space — and minus numpy when a <c>numpy x.x</c> requirement or
/// <c>pin_compatible('numpy', max_pin='x.x')</c> pins it; nothing when only target_platform is left; plus
/// virtual run requirements (<c>__cuda</c>). <c>channel_targets</c> counts whenever the variant has it, so a
/// <c>noarch: python</c> recipe built with <c>channel_targets: conda-forge main</c> gets
/// <c>pyhd8ed1ab_0</c>. No hash at all when the contents are empty (e.g. <c>py311_0</c>).
/// Not covered: <c>build/features</c>.
/// </summary>
internal static partial class BuildString
{
    [GeneratedRegex(@"pin_compatible\(\s*['""]numpy['""][^)]*max_pin\s*=\s*['""]x\.x['""]")]
    private static partial Regex NumpyPinCompatibleXx();

    [GeneratedRegex(@"h\{\{\s*PKG_HASH\s*\}\}")]
    private static partial Regex PkgHashInString();

    [GeneratedRegex(@"h[0-9a-f]{7}")]
    private static partial Regex HashInString();

    private static readonly string[] ShownByPrefix = ["python", "r_base", "perl", "lua"];

    public static SortedDictionary<string, string> HashContents(IReadOnlyDictionary<string, string> used, Recipe recipe,
        IReadOnlyList<string> ignoreVersion, string templateText)
    {
        var excludes = ShownByPrefix.Concat(ignoreVersion).ToList();
        if (NumpyPinned(recipe, templateText)) excludes.Add("numpy");

        var contents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in used)
            if (!excludes.Any(e => key.StartsWith(e, StringComparison.Ordinal)) || value.Contains(' ')) contents[key] = value;
        if (contents.Count == 1 && contents.ContainsKey("target_platform")) contents.Clear();
        foreach (var run in recipe.Requirements.Run)
            if (run.Spec.StartsWith("__", StringComparison.Ordinal)) contents[run.Spec.Split(' ')[0]] = run.Spec;
        return contents;
    }

    /// <summary>
    /// conda-build's <c>build_id</c> for a <c>build/string</c> the recipe sets: kept as rendered, except that
    /// when the template writes <c>h{{ PKG_HASH }}</c>, every <c>h</c> + 7 hex digits in it is replaced by the
    /// hash (by nothing when there is no hash).
    /// </summary>
    public static string Explicit(string rendered, string templateText, string hash) =>
        PkgHashInString().IsMatch(templateText) ? HashInString().Replace(rendered, hash) : rendered;

    /// <summary><c>h</c> + 7 hex digits, or "" for empty contents.</summary>
    public static string Hash(IReadOnlyDictionary<string, string> contents)
    {
        if (contents.Count == 0) return "";
        byte[] digest = SHA1.HashData(Encoding.UTF8.GetBytes(PythonJson.DumpsSorted(contents)));
        return "h" + Convert.ToHexStringLower(digest)[..7];
    }

    /// <param name="variant">The variant's values (python included): the version of a prefix whose requirement has none.</param>
    public static string Default(Recipe recipe, IReadOnlyDictionary<string, string> variant, string templateText, string hash)
    {
        string prefix = Prefix(recipe, variant, templateText);
        string number = recipe.Build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (hash.Length == 0) return prefix.Length == 0 ? number : $"{prefix}_{number}";
        return prefix.Length == 0 ? $"{hash}_{number}" : $"{prefix}{hash}_{number}";
    }

    /// <summary>
    /// The legacy prefixes in conda-build's order (<c>np119py311</c>): a package gets one when it is a run
    /// requirement and a host requirement (a build requirement when there is no host section); numpy only
    /// when <c>numpy x.x</c> or <c>pin_compatible('numpy', max_pin='x.x')</c> pins it. The digits are the
    /// first places of the version the requirement writes, else of the variant's value (no prefix without either).
    /// </summary>
    private static readonly (string Short, string[] Names, int Places)[] Prefixes =
    [
        ("np", ["numpy"], 2), ("py", ["python"], 2), ("pl", ["perl"], 3), ("lua", ["lua"], 2),
        ("r", ["r", "r-base"], 2), ("mro", ["mro-base"], 3), ("mro", ["mro-base_impl"], 3),
    ];

    private static string Prefix(Recipe recipe, IReadOnlyDictionary<string, string> variant, string templateText)
    {
        var reqs = recipe.Requirements;
        var buildOrHost = reqs.HasHostSection ? reqs.Host : reqs.Build;
        var entries = new List<string>();
        foreach (var (shortName, names, places) in Prefixes)
        {
            foreach (var name in names)
            {
                if (!reqs.Run.Any(r => r.Name == name) || !buildOrHost.Any(r => r.Name == name)) continue;
                if (name == "numpy" && !NumpyPinned(recipe, templateText)) continue;
                string entry;
                if (recipe.Build.Noarch == name) entry = shortName;
                else
                {
                    string version = "";
                    foreach (var candidate in names.Concat(names.Where(n => n.Contains('-')).Select(n => n.Replace('-', '_'))))
                    {
                        version = WrittenVersion(buildOrHost, candidate)
                            ?? (variant.TryGetValue(candidate.Replace('-', '_'), out var v) ? v.Split(' ')[0] : "");
                        if (version.Length > 0) break;
                    }
                    // conda-build always knows a numpy (its default variant has one); without any version
                    // here a bare "np" would name nothing, so the prefix is left out.
                    if (version.Length == 0) continue;
                    entry = shortName + string.Concat(version.Split('.').Take(places));
                }
                if (!entries.Contains(entry)) entries.Add(entry);
            }
        }
        return string.Concat(entries);
    }

    /// <summary>The version of the last requirement on <paramref name="name"/> that writes one (<c>python 3.11</c>);
    /// the legacy <c>x.x</c> placeholder is none.</summary>
    private static string? WrittenVersion(IReadOnlyList<RecipeRequirement> requirements, string name)
    {
        string? version = null;
        foreach (var r in requirements)
        {
            var parts = r.Spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 1 && parts[0] == name && parts[1] != "x.x") version = parts[1];
        }
        return version;
    }

    /// <summary>conda-build's <c>numpy_xx</c>: the legacy <c>numpy x.x</c> or a pin_compatible with max_pin x.x.</summary>
    private static bool NumpyPinned(Recipe recipe, string templateText) =>
        recipe.Requirements.Build.Concat(recipe.Requirements.Host).Concat(recipe.Requirements.Run)
            .Any(r => r.Name == "numpy" && r.Spec.EndsWith(" x.x", StringComparison.Ordinal))
        || NumpyPinCompatibleXx().IsMatch(templateText);
}
