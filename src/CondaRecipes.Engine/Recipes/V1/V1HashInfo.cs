using System.Security.Cryptography;
using System.Text;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// rattler-build's build-string hash for a recipe.yaml output (meta.yaml recipes keep conda-build's rule in
/// <see cref="BuildString"/>). The hashed variant is the used variables plus <c>target_platform</c> always
/// (<c>noarch</c> for a noarch package), <c>channel_targets</c>/<c>channel_sources</c> when the variant has
/// them, minus <c>python</c> for <c>noarch: python</c>, plus virtual run requirements (<c>__glibc</c> → its
/// spec). <c>${{ hash }}</c> is the first 7 hex digits of sha1 of that variant as sorted JSON with
/// <c>", "</c>/<c>": "</c> separators, unquoted ints and bools of the variant files typed in it; the default build string is <c>&lt;prefix&gt;h&lt;hash&gt;_&lt;number&gt;</c>,
/// the prefix built from the numpy/python/perl/lua/r variant values (<c>np120py311</c>, <c>py</c> for
/// <c>noarch: python</c>).
/// </summary>
internal static class V1HashInfo
{
    private static readonly string[] AlwaysIncluded = ["target_platform", "channel_targets", "channel_sources"];

    // Prefix order and the number of version parts each shows.
    private static readonly (string Prefix, string[] Keys, int Parts)[] Prefixes =
    [
        ("np", ["numpy"], 2), ("py", ["python"], 2), ("pl", ["perl"], 3), ("lua", ["lua"], 2), ("r", ["r", "r-base", "r_base"], 2),
    ];

    /// <param name="siblings">The recipe's other outputs (version, build string) as far as known: a requirement
    /// that pins one of them exactly (<c>name version build</c>, what <c>pin_subpackage(exact=True)</c> gives) enters
    /// the hash as rattler-build adds it to the variant, under the normalized name with <c>"version build"</c>.</param>
    public static SortedDictionary<string, string> HashVariant(IReadOnlyDictionary<string, string> used,
        IReadOnlyDictionary<string, string> variant, Recipe recipe, string subdir,
        IReadOnlyDictionary<string, (string Version, string BuildString)>? siblings = null)
    {
        var hashed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in used) hashed[key] = value;
        foreach (var key in AlwaysIncluded)
            if (variant.TryGetValue(key, out var value)) hashed[key] = value;
        hashed["target_platform"] = recipe.Build.Noarch is null ? subdir : "noarch";
        if (recipe.Build.Noarch == "python") hashed.Remove("python");
        foreach (var run in recipe.Requirements.Run)
            if (run.Name.StartsWith("__", StringComparison.Ordinal)) hashed[run.Name] = run.Spec;
        foreach (var (name, (version, build)) in siblings ?? new Dictionary<string, (string, string)>())
            if (name != recipe.Package.Name && PinnedSpecs(recipe).Contains($"{name} {version} {build}"))
                hashed[NormalizedKey(name)] = $"{version} {build}";
        return hashed;
    }

    // Every section rattler-build looks for exact pins in: the requirements and the run_exports.
    private static HashSet<string> PinnedSpecs(Recipe recipe)
    {
        var r = recipe.Requirements;
        var e = recipe.Build.RunExports;
        return r.Build.Concat(r.Host).Concat(r.Run).Concat(r.RunConstrained).Select(q => q.Spec)
            .Concat(e.Weak).Concat(e.Strong).Concat(e.Noarch).Concat(e.WeakConstrains).Concat(e.StrongConstrains)
            .ToHashSet(StringComparer.Ordinal);
    }

    // rattler-build's variant keys: '-' and '.' read as '_'.
    private static string NormalizedKey(string name) => name.Replace('-', '_').Replace('.', '_');

    /// <summary>The hashed text: the variant as sorted JSON, a value rattler-build reads as a bool or an int
    /// (<see cref="V1VariantTypes"/>) written as one (<c>"abi": 4</c>) — when the hashed value is still the
    /// variant's own (a key the hash sets itself, as <c>target_platform</c>, stays a string).</summary>
    public static string Input(IReadOnlyDictionary<string, string> hashVariant, IReadOnlyDictionary<string, string> variant,
        IReadOnlyDictionary<string, object> typed)
    {
        var literals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in typed)
            if (hashVariant.TryGetValue(key, out var hashed) && variant.TryGetValue(key, out var own) && hashed == own)
                literals[key] = V1VariantTypes.Json(value);
        return PythonJson.DumpsSorted(hashVariant, literals);
    }

    /// <summary>The 7 hex digits (<c>${{ hash }}</c>) of the hash input.</summary>
    public static string Hash(string input) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(input)))[..7];

    /// <summary>The 7 hex digits of a variant of strings only.</summary>
    public static string Hash(IReadOnlyDictionary<string, string> hashVariant) => Hash(PythonJson.DumpsSorted(hashVariant));

    public static string Prefix(IReadOnlyDictionary<string, string> hashVariant, string? noarch)
    {
        if (noarch == "python") return "py";
        var sb = new StringBuilder();
        foreach (var (prefix, keys, parts) in Prefixes)
            foreach (var key in keys)
                if (hashVariant.TryGetValue(key, out var value))
                {
                    sb.Append(prefix).Append(string.Concat(value.Split('.').Take(parts)));
                    break;
                }
        return sb.ToString();
    }

    public static string Default(string prefix, string hash, int number) =>
        $"{prefix}h{hash}_{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
