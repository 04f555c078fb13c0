using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes;

/// <summary>The two recipe formats the engine renders.</summary>
public enum RecipeFormatKind
{
    /// <summary>conda-build's <c>meta.yaml</c> (or <c>meta.yml</c>): Jinja over text, line selectors.</summary>
    MetaYaml,

    /// <summary>The v1 format's <c>recipe.yaml</c> (CEP-13/CEP-14, rattler-build).</summary>
    RecipeYaml,
}

/// <summary>
/// Which recipe file a recipe folder holds — the one place that decides. <c>meta.yaml</c> comes first (a folder
/// kept with both during a migration builds as before), then <c>meta.yml</c>, then <c>recipe.yaml</c>.
/// </summary>
public static class RecipeFormat
{
    public sealed record Found(RecipeFormatKind Kind, string Path);

    private static readonly (string Name, RecipeFormatKind Kind)[] Candidates =
        [("meta.yaml", RecipeFormatKind.MetaYaml), ("meta.yml", RecipeFormatKind.MetaYaml), ("recipe.yaml", RecipeFormatKind.RecipeYaml)];

    /// <summary>The recipe file of <paramref name="dir"/>, or null when it has none.</summary>
    public static Found? TryFind(string dir)
    {
        foreach (var (name, kind) in Candidates)
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return new Found(kind, path);
        }
        return null;
    }

    /// <summary>The format of <paramref name="dir"/>'s recipe; meta.yaml when there is no directory or no recipe file.</summary>
    public static RecipeFormatKind KindOf(string? dir) =>
        (string.IsNullOrEmpty(dir) ? null : TryFind(dir))?.Kind ?? RecipeFormatKind.MetaYaml;

    /// <exception cref="CondaRecipesException">CR1001 when the folder has no recipe file.</exception>
    public static Found Find(string dir) => TryFind(dir) ?? throw new CondaRecipesException(RecipeErrorCodes.MetaYamlMissing,
        $"The recipe directory '{dir}' has no meta.yaml (nor meta.yml) and no recipe.yaml.", dir, 0,
        "Put the recipe's meta.yaml (conda-build) or recipe.yaml (v1 format) in that directory, or point the project at the directory that has it.");

    /// <summary>
    /// The variant config files the recipe folder holds, lowest priority first: <c>conda_build_config.yaml</c>, and
    /// for a recipe.yaml also <c>variants.yaml</c> (rattler-build reads both beside the recipe).
    /// </summary>
    public static IReadOnlyList<string> OwnVariantFiles(string dir)
    {
        var names = TryFind(dir)?.Kind == RecipeFormatKind.RecipeYaml
            ? new[] { "conda_build_config.yaml", "variants.yaml" }
            : ["conda_build_config.yaml"];
        return names.Select(n => Path.Combine(dir, n)).Where(File.Exists).ToList();
    }

    /// <summary>The file diagnostics without a file of their own point at: the recipe file, or meta.yaml when there is none.</summary>
    public static string FileFor(string dir) => TryFind(dir)?.Path ?? Path.Combine(dir, "meta.yaml");
}
