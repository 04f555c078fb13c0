namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// The one order in which a build's environment is layered, each layer overriding the one before: the
/// environment the build was started in (modules a site loaded stay visible, as with conda-build), the
/// site's variables (CondaEnvironment items), the variant's variables, then the recipe's
/// <c>build/script_env</c>. Rendering, the build script and the test script all start from it; the
/// stage's own contract (PREFIX, SRC_DIR, …) goes on top, so a recipe cannot override it by accident.
/// </summary>
public static class EnvironmentLayers
{
    /// <param name="scriptEnv"><c>NAME=value</c> sets a variable; a bare <c>NAME</c> passes the started
    /// environment's value through, which the first layer already holds.</param>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> started,
        IReadOnlyDictionary<string, string> site, IReadOnlyDictionary<string, string> variant,
        IEnumerable<string>? scriptEnv = null)
    {
        var env = new Dictionary<string, string>(started, StringComparer.Ordinal);
        foreach (var (k, v) in site) env[k] = v;
        foreach (var (k, v) in variant) env[k] = v;
        foreach (var entry in scriptEnv ?? [])
        {
            var eq = entry.IndexOf('=');
            if (eq > 0) env[entry[..eq]] = entry[(eq + 1)..];
        }
        return env;
    }
}
