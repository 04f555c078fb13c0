using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes;

/// <summary>
/// conda-build's default build string (<c>build_string_from_metadata</c> + <c>build_id</c>) for a recipe
/// without <c>build/string</c>: <c>py311</c> when python is both a run requirement and a host requirement
/// (a build requirement when there is no host section), then <c>h</c> + the first 7 hex digits of
/// sha1(<c>json.dumps(hash contents, sort_keys=True)</c>), then <c>_</c> + the build number.
/// The hash contents are the used variables minus those the prefix already shows (python, r_base,
/// perl, lua — unless the value has a space), nothing when only target_platform is left, plus virtual
/// run requirements (<c>__cuda</c>). No hash at all when the contents are empty (e.g. <c>py311_0</c>).
/// Not covered: the <c>np</c> prefix for <c>numpy x.x</c> pins and <c>build/features</c>.
/// </summary>
internal static partial class BuildString
{
    [GeneratedRegex(@"^(python|r_base|perl|lua)")]
    private static partial Regex ShownByPrefix();

    public static SortedDictionary<string, string> HashContents(IReadOnlyDictionary<string, string> used, Recipe recipe)
    {
        var contents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in used)
            if (!ShownByPrefix().IsMatch(key) || value.Contains(' ')) contents[key] = value;
        if (contents.Count == 1 && contents.ContainsKey("target_platform")) contents.Clear();
        foreach (var run in recipe.Requirements.Run)
            if (run.Spec.StartsWith("__", StringComparison.Ordinal)) contents[run.Name] = run.Spec;
        return contents;
    }

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
