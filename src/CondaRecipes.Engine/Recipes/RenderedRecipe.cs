using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Recipes;

/// <summary>One variant of a recipe, rendered: the typed recipe and what the later stages need from the render.</summary>
public sealed record RenderedRecipe
{
    public required Recipe Recipe { get; init; }

    /// <summary>The text after Jinja and line selectors: what was parsed as YAML. Same line count as the template
    /// except where Jinja blocks add or remove lines; <see cref="LineMap"/> maps its lines back.</summary>
    public required string RenderedText { get; init; }

    /// <summary>Full path of the meta.yaml (or meta.yml) rendered.</summary>
    public required string TemplatePath { get; init; }

    /// <summary>The template text as read from <see cref="TemplatePath"/>.</summary>
    public required string TemplateText { get; init; }

    /// <summary><c>build/string</c> when the recipe sets it, else conda-build's default (<c>py311h1a2b3c4_0</c>).</summary>
    public required string BuildString { get; init; }

    /// <summary>"noarch" when <c>build/noarch</c> is set, else the target subdir (<c>linux-64</c>).</summary>
    public required string Subdir { get; init; }

    /// <summary>
    /// The variant variables this recipe uses, with their values, sorted by name (see the rules on
    /// <c>UsedVariables</c>): what distinguishes its variants. Includes <c>python</c> when the variant has
    /// one and <c>target_platform</c> unless noarch.
    /// </summary>
    public required IReadOnlyDictionary<string, string> UsedVariables { get; init; }

    /// <summary>The exact JSON text whose sha1 gives the build-string hash (<c>{}</c> when there is no hash).</summary>
    public required string HashInput { get; init; }

    /// <summary><c>pin_run_as_build</c> in force for this variant (from the render context).</summary>
    public IReadOnlyDictionary<string, RunPin> PinRunAsBuild { get; init; } = RunPin.Defaults;

    /// <summary>
    /// True when the template calls <c>compiler(…)</c>: conda-build then keeps the build and host environments
    /// apart even without a host section (its "new-style compiler activation"), which decides where
    /// run_exports come from.
    /// </summary>
    public bool UsesCompilerFunction { get; init; }

    /// <summary>Maps lines of <see cref="RenderedText"/> to lines of <see cref="TemplateText"/>.</summary>
    public required LineMap LineMap { get; init; }

    /// <summary><c>name-version-build</c>, the package's dist name.</summary>
    public string DistName => $"{Recipe.Package.Name}-{Recipe.Package.Version}-{BuildString}";

    /// <summary><c>name-version-build.conda</c>.</summary>
    public string FileName => FileNameFor(".conda");

    /// <summary>The package file name with another extension, e.g. <c>.tar.bz2</c> (the leading dot is optional).</summary>
    public string FileNameFor(string extension) =>
        DistName + (extension.StartsWith('.') ? extension : "." + extension);
}
