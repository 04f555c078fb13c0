using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes;

/// <summary>
/// conda-build's default build string (<c>build_string_from_metadata</c> + <c>build_id</c>) for a recipe
/// without <c>build/string</c>: <c>py311</c> when python is both a run requirement and a host requirement
/// (a build requirement when there is no host section), then <c>h</c> + the first 7 hex digits of
/// sha1(<c>json.dumps(hash contents, sort_keys=True)</c>), then <c>_</c> + the build number.
/// The hash contents (<c>get_hash_contents</c>) are the used variables minus those whose name starts with
/// one the prefix already shows (python, r_base, perl, lua) or with an <c>ignore_version</c> entry — unless
/// the value has a space — and minus numpy when a <c>numpy x.x</c> requirement or
/// <c>pin_compatible('numpy', max_pin='x.x')</c> pins it; nothing when only target_platform is left; plus
/// virtual run requirements (<c>__cuda</c>). <c>channel_targets</c> counts whenever the variant has it, so a
/// <c>noarch: python</c> recipe built with <c>channel_targets: conda-forge main</c> gets
/// <c>pyhd8ed1ab_0</c>. No hash at all when the contents are empty (e.g. <c>py311_0</c>).
/// Not covered: the <c>np</c> prefix for <c>numpy x.x</c> pins and <c>build/features</c>.
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
        bool numpyPinned = recipe.Requirements.Build.Concat(recipe.Requirements.Host).Concat(recipe.Requirements.Run)
                .Any(r => r.Name == "numpy" && r.Spec.EndsWith(" x.x", StringComparison.Ordinal))
            || NumpyPinCompatibleXx().IsMatch(templateText);
        if (numpyPinned) excludes.Add("numpy");

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

    public static string Default(Recipe recipe, string? pythonVersion, string hash)
    {
        string prefix = PythonPrefix(recipe, pythonVersion);
        string number = recipe.Build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (hash.Length == 0) return prefix.Length == 0 ? number : $"{prefix}_{number}";
        return prefix.Length == 0 ? $"{hash}_{number}" : $"{prefix}{hash}_{number}";
    }

    private static string PythonPrefix(Recipe recipe, string? pythonVersion)
    {
        var reqs = recipe.Requirements;
        var buildOrHost = reqs.HasHostSection ? reqs.Host : reqs.Build;
        if (!reqs.Run.Any(r => r.Name == "python")) return "";
        var python = buildOrHost.FirstOrDefault(r => r.Name == "python");
        if (python is null) return "";
        if (recipe.Build.Noarch == "python") return "py";
        // conda-build takes a pin written in the requirement ("python 3.11") before the variant's python.
        var parts = python.Spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string version = parts.Length > 1 ? parts[1] : pythonVersion?.Split(' ')[0] ?? "";
        return "py" + string.Concat(version.Split('.').Take(2));
    }
}
