using System.Text;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// What the variant config says about rendering a variant rather than about which variants exist:
/// <c>pin_run_as_build</c>, <c>ignore_version</c> (kept out of the build-string hash) and
/// <c>ignore_build_only_deps</c> (not used variables when only in build). Carried from the matrix to the
/// per-variant render as one line of text (<see cref="ToText"/>, <see cref="Parse"/>).
/// </summary>
public sealed record VariantSettings
{
    public IReadOnlyDictionary<string, RunPin> PinRunAsBuild { get; init; } = RunPin.Defaults;
    public IReadOnlyList<string> IgnoreVersion { get; init; } = [];
    public IReadOnlyList<string> IgnoreBuildOnlyDeps { get; init; } = DefaultIgnoreBuildOnlyDeps;

    public static IReadOnlyList<string> DefaultIgnoreBuildOnlyDeps { get; } = ["python", "numpy"];

    public static VariantSettings Default { get; } = new();

    /// <summary><c>pin=python:x.x:x.x,r-base:x.x:x.x;ignore_version=a,b;ignore_build_only_deps=python,numpy</c>.</summary>
    public string ToText()
    {
        var sb = new StringBuilder("pin=");
        sb.AppendJoin(',', PinRunAsBuild.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}:{kv.Value.MinPin}:{kv.Value.MaxPin}"));
        sb.Append(";ignore_version=").AppendJoin(',', IgnoreVersion);
        sb.Append(";ignore_build_only_deps=").AppendJoin(',', IgnoreBuildOnlyDeps);
        return sb.ToString();
    }

    /// <summary>Reads <see cref="ToText"/>; empty text gives the defaults.</summary>
    public static VariantSettings Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var parts = text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        static List<string> List(string? s) => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var pins = new Dictionary<string, RunPin>(StringComparer.Ordinal);
        foreach (var entry in List(parts.GetValueOrDefault("pin")))
        {
            var f = entry.Split(':');
            pins[f[0]] = new RunPin(f.Length > 1 && f[1].Length > 0 ? f[1] : null, f.Length > 2 && f[2].Length > 0 ? f[2] : null);
        }
        return new VariantSettings
        {
            PinRunAsBuild = pins,
            IgnoreVersion = List(parts.GetValueOrDefault("ignore_version")),
            IgnoreBuildOnlyDeps = List(parts.GetValueOrDefault("ignore_build_only_deps")),
        };
    }
}
