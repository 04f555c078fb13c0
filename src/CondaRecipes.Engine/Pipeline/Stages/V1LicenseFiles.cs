using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Outputs;
using CondaRecipes.Recipes.V1;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// rattler-build fails the build when an <c>about.license_file</c> entry (a path or glob) matches no file in the
/// source folder or the recipe folder. Checked before packaging, when the source is in place.
/// </summary>
public static class V1LicenseFiles
{
    public static void Check(IReadOnlyList<string> patterns, string srcDir, string recipeDir, string recipeFile, string recipeText)
    {
        foreach (var pattern in patterns)
        {
            string relative = pattern.Replace('\\', '/').TrimStart('/');
            if (Matches(srcDir, relative) || Matches(recipeDir, relative)) continue;
            throw new CondaRecipesException(V1ErrorCodes.LicenseFileMissing,
                $"about.license_file '{pattern}' matches no file in the source folder ({srcDir}) or the recipe folder.",
                recipeFile, LineOf(recipeText, "license_file"),
                "Name the license file as it lies in the source (or put it beside recipe.yaml), or remove the entry.");
        }
    }

    private static bool Matches(string dir, string pattern)
    {
        if (!Directory.Exists(dir)) return false;
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'));
        return PrefixGlob.Select(files, [pattern]).Count > 0;
    }

    private static int LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) return i + 1;
        return 0;
    }
}
