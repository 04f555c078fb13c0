using System.Text.RegularExpressions;

namespace CondaRecipes.Recipes.Pins;

/// <summary>
/// conda-build's <c>ensure_valid_spec</c>: a requirement written as <c>name version</c> with a bare version
/// (no operator, no <c>*</c>, no build string) means that version series, so <c>.*</c> is appended
/// (<c>gcc_linux-64 13</c> → <c>gcc_linux-64 13.*</c>, <c>numpy 1.26</c> → <c>numpy 1.26.*</c>); <c>python x.x</c> and
/// <c>numpy x.x</c> stay as written; an exact pin with a build string is left alone.
/// </summary>
public static partial class ValidSpec
{
    [GeneratedRegex(@"^([\w\d.\-_]+)\s+((?<![><=])[\w\d.\-_]+?(?!\*))(\s+[\w\d._]+)?$")]
    private static partial Regex NeedingStar();

    public static string Ensure(string spec)
    {
        var m = NeedingStar().Match(spec);
        if (!m.Success || m.Groups[3].Success) return spec;
        string name = m.Groups[1].Value, version = m.Groups[2].Value;
        if (name is "python" or "numpy" && version == "x.x") return $"{name} {version}";
        return spec.Contains('*') ? spec : $"{name} {version}.*";
    }
}
