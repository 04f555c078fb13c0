using System.Text.RegularExpressions;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// The part of a conda match spec the site label lives in: a name, a version glob and a build glob, as
/// written in environment files (<c>mpi4py =*=derecho*</c>, <c>pytorch =*_derecho</c>) and in the recipes'
/// requirements (<c>pytorch 2.7.0 derecho_*</c>, <c>nccl *_derecho</c>). Globs use <c>*</c> only; a leading
/// <c>=</c> on the version is conda's "this version or a longer one".
/// </summary>
public sealed record LabelSpec(string Name, string VersionGlob, string BuildGlob)
{
    public static LabelSpec Parse(string spec)
    {
        spec = spec.Split('#')[0].Trim();
        string name, version = "*", build = "*";
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 1 && parts[1].StartsWith('=') && !parts[1].StartsWith("=="))
        {
            // "name =VERSION=BUILD": conda's compact form.
            name = parts[0];
            var rest = parts[1][1..].Split('=', 2);
            version = rest[0];
            if (rest.Length > 1) build = rest[1];
        }
        else
        {
            name = parts[0];
            if (parts.Length > 1) version = parts[1].TrimStart('=');
            if (parts.Length > 2) build = parts[2];
        }
        if (version.StartsWith('=')) version = version[1..];
        return new LabelSpec(name, version, build);
    }

    /// <summary>Does this spec select by the label (in the version or in the build string)?</summary>
    public bool Mentions(string label) => VersionGlob.Contains(label) || BuildGlob.Contains(label);

    public bool Matches(RenderedRecipe r) =>
        r.Recipe.Package.Name == Name && Glob(VersionGlob).IsMatch(r.Recipe.Package.Version) && Glob(BuildGlob).IsMatch(r.BuildString);

    private static Regex Glob(string glob) =>
        new("^" + string.Join(".*", glob.Split('*').Select(Regex.Escape)) + "$");
}
