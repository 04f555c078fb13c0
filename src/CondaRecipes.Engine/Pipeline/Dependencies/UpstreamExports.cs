using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// The run_exports one environment passes on (conda-build's <c>get_upstream_pins</c>): only packages the
/// recipe names in that environment export (not what they pull in), a package named in
/// <c>build/ignore_run_exports_from</c> exports nothing, and an exported spec whose name is in
/// <c>build/ignore_run_exports</c> (or <c>*</c> there) is dropped. Specs of several packages are concatenated
/// per kind (weak, strong, noarch, weak_constrains, strong_constrains).
/// </summary>
public sealed class UpstreamExports
{
    private readonly Dictionary<string, List<string>> _byKind = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Weak => Get("weak");
    public IReadOnlyList<string> Strong => Get("strong");
    public IReadOnlyList<string> Noarch => Get("noarch");
    public IReadOnlyList<string> WeakConstrains => Get("weak_constrains");
    public IReadOnlyList<string> StrongConstrains => Get("strong_constrains");

    public static UpstreamExports Collect(IReadOnlyList<ResolvedPackage> environment, IEnumerable<RecipeRequirement> requirements,
        RecipeBuild build)
    {
        var named = requirements.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var ignoredFrom = build.IgnoreRunExportsFrom.Select(NameOf).ToHashSet(StringComparer.Ordinal);
        var result = new UpstreamExports();
        foreach (var package in environment.Where(p => named.Contains(p.Name) && !ignoredFrom.Contains(p.Name)))
        {
            var exports = package.RunExports;
            result.Add("weak", exports.Weak, build.IgnoreRunExports);
            result.Add("strong", exports.Strong, build.IgnoreRunExports);
            result.Add("noarch", exports.Noarch, build.IgnoreRunExports);
            result.Add("weak_constrains", exports.WeakConstrains, build.IgnoreRunExports);
            result.Add("strong_constrains", exports.StrongConstrains, build.IgnoreRunExports);
        }
        return result;
    }

    private void Add(string kind, IReadOnlyList<string> specs, IReadOnlyList<string> ignore)
    {
        foreach (var spec in specs.Where(s => !ignore.Any(i => i == "*" || s == i || s.StartsWith(i + " ", StringComparison.Ordinal))))
        {
            if (!_byKind.TryGetValue(kind, out var list)) _byKind[kind] = list = [];
            list.Add(spec);
        }
    }

    private IReadOnlyList<string> Get(string kind) => _byKind.TryGetValue(kind, out var list) ? list : [];

    private static string NameOf(string requirement) => requirement.Split(' ', 2)[0];
}
