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

    /// <summary>
    /// The variables whose values the matrix keeps apart, when more than <see cref="UsedVariables"/>: a
    /// recipe.yaml's <c>if:</c> branch that this variant does not take may name a key another variant uses.
    /// </summary>
    public IReadOnlyDictionary<string, string>? LoopVariables { get; init; }

    /// <summary>The exact JSON text whose sha1 gives the build-string hash (<c>{}</c> when there is no hash).</summary>
    public required string HashInput { get; init; }

    /// <summary>The build-string hash, <c>h</c> + 7 hex digits of <see cref="HashInput"/>'s sha1, or "" when the
    /// hash contents are empty: conda-build's <c>hash_dependencies()</c>, which the build script sees as <c>PKG_HASH</c>.</summary>
    public string Hash { get; init; } = "";

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

    /// <summary>
    /// The packages this variant makes, in build order: the entries of <c>outputs</c> (toposorted, plus the
    /// top-level metapackage when conda-build adds one), or the recipe itself as its one implicit output.
    /// </summary>
    public IReadOnlyList<RenderedOutput> Outputs
    {
        get => _outputs ??= [new RenderedOutput
        {
            Output = new RecipeOutput { Name = Recipe.Package.Name, Recipe = Recipe, Kind = OutputKind.Implicit },
            BuildString = BuildString, Subdir = Subdir, UsedVariables = UsedVariables, HashInput = HashInput,
        }];
        init => _outputs = value;
    }

    private IReadOnlyList<RenderedOutput>? _outputs;

    /// <summary>The channel paths of every package this variant makes: each output in each format
    /// (<c>&lt;channel&gt;/&lt;subdir&gt;/&lt;name-version-build&gt;&lt;ext&gt;</c>), in build order.</summary>
    public IReadOnlyList<string> PackagePaths(string channelDir, IEnumerable<string> extensions)
    {
        var formats = extensions.ToList();
        return Outputs.SelectMany(o => formats.Select(ext => Path.Combine(channelDir, o.Subdir, o.FileNameFor(ext)))).ToList();
    }

    /// <summary>True when the recipe has an <c>outputs</c> section.</summary>
    public bool HasOutputsSection => Outputs.Any(o => o.Output.Kind != OutputKind.Implicit);

    /// <summary>What the render noticed without failing, e.g. a selector naming an unknown variable (CR1006).</summary>
    public IReadOnlyList<Diagnostics.Diagnostic> Warnings { get; init; } = [];

    /// <summary>
    /// The render ran before the source was fetched and the recipe reads values from it (<c>load_*</c> on a
    /// source file, <c>GIT_*</c>): those rendered empty, as in conda-build's first pass, and the version may be
    /// empty. The build renders again after its source stage and uses that result.
    /// </summary>
    public bool NeedsSource { get; init; }

    /// <summary><c>name-version-build</c>, the package's dist name.</summary>
    public string DistName => $"{Recipe.Package.Name}-{Recipe.Package.Version}-{BuildString}";

    /// <summary><c>name-version-build.conda</c>.</summary>
    public string FileName => FileNameFor(".conda");

    /// <summary>The package file name with another extension, e.g. <c>.tar.bz2</c> (the leading dot is optional).</summary>
    public string FileNameFor(string extension) =>
        DistName + (extension.StartsWith('.') ? extension : "." + extension);
}
