namespace CondaRecipes.Site;

/// <summary>What to wrap and where the recipe projects go.</summary>
/// <param name="Source">A recipe folder (holding meta.yaml or recipe.yaml) or a folder of them; never written to.</param>
/// <param name="ProjectDir">The folder the recipe projects are written to (<c>&lt;recipe folder name&gt;.proj</c>).</param>
/// <param name="Pythons">The Python axis of recipes that need python and whose own variant files (conda_build_config.yaml;
/// for a recipe.yaml also variants.yaml) do not set it (conda-build would take its own interpreter's version there); empty: such projects get no CondaPython
/// items, and the site's CondaVariantConfig must give python.</param>
/// <param name="Overwrite">Replace recipe projects that exist already (otherwise that is an error and nothing is written).</param>
public sealed record WrapRequest(string Source, string ProjectDir, IReadOnlyList<string> Pythons, bool Overwrite = false)
{
    /// <summary>Variables for rendering, as the site's builds see them (CondaEnvironment items).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The platform subdir recipes are rendered for.</summary>
    public string Subdir { get; init; } = "linux-64";
}

/// <summary>One recipe folder as a recipe project.</summary>
/// <param name="RecipeDir">The recipe folder (full path).</param>
/// <param name="ProjectPath">The recipe project written for it (full path).</param>
/// <param name="Packages">The package names the recipe produces (its outputs).</param>
/// <param name="Requirements">The package names its build, host and run requirements name, of every output.</param>
/// <param name="References">The recipe projects (full paths) producing a package it requires: its ProjectReferences.</param>
/// <param name="Pythons">The CondaPython values written to the project; empty for none.</param>
public sealed record WrappedRecipe(
    string RecipeDir,
    string ProjectPath,
    IReadOnlyList<string> Packages,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<string> References,
    IReadOnlyList<string> Pythons);
