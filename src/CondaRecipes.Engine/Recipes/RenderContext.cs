using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Recipes;

/// <summary>
/// What one variant of a recipe is rendered with: the variant variables, the Python version, the
/// build's environment variables and the target platform (linux/x86_64, i.e. subdir <c>linux-64</c>, by default).
/// </summary>
public sealed record RenderContext
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>
    /// Variant variables (e.g. <c>MPI4PY_VERSION=4.0.3</c>, <c>c_compiler=gcc</c>). In Jinja and selectors
    /// they are visible as given and lower-cased; they are also added to <see cref="Environment"/> for
    /// <c>environ</c> unless it already has the key (the Makefile-driven builds exported them).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = Empty;

    /// <summary>The Python of this variant, "major.minor" like "3.11"; null when the recipe has no Python axis.</summary>
    public string? PythonVersion { get; init; }

    /// <summary>Environment variables the recipe reads through <c>environ</c>, <c>os.environ</c> and selectors.
    /// The renderer never reads its own process environment, so a render depends only on this context.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = Empty;

    /// <summary><c>pin_run_as_build</c> from the variant config (conda-build's defaults when there is none), by package name.</summary>
    public IReadOnlyDictionary<string, RunPin> PinRunAsBuild { get; init; } = RunPin.Defaults;

    /// <summary><c>ignore_version</c> from the variant config: variables kept out of the build-string hash.</summary>
    public IReadOnlyList<string> IgnoreVersion { get; init; } = [];

    /// <summary><c>ignore_build_only_deps</c> from the variant config: requirements that are no used variable
    /// when they appear in build but not in host (conda-build's default: python and numpy).</summary>
    public IReadOnlyList<string> IgnoreBuildOnlyDeps { get; init; } = VariantSettings.DefaultIgnoreBuildOnlyDeps;

    /// <summary>The fetched source (the build's work folder); null before the source stage. The <c>load_*</c>
    /// functions read relative files from it, and a render without it is conda-build's first pass.</summary>
    public string? SourceDir { get; init; }

    /// <summary>Variables the fetched source defines — <c>GIT_DESCRIBE_TAG</c> and the other <c>GIT_*</c> of a
    /// git checkout — visible in Jinja and <c>environ</c> as in conda-build.</summary>
    public IReadOnlyDictionary<string, string> SourceVariables { get; init; } = Empty;

    /// <summary>The interpreter <c>load_setup_py_data</c> runs setup.py with; null when the variant has none.</summary>
    public string? SetupPyPython { get; init; }

    /// <summary>Target operating system: "linux", "osx" or "win".</summary>
    public string Platform { get; init; } = "linux";

    /// <summary>Target machine: "x86_64", "aarch64", "ppc64le", "arm64", "x86", ...</summary>
    public string Architecture { get; init; } = "x86_64";

    /// <summary>The conda subdir of <see cref="Platform"/> and <see cref="Architecture"/>, e.g. <c>linux-64</c>.</summary>
    public string Subdir => Architecture switch
    {
        "x86_64" or "amd64" => $"{Platform}-64",
        "x86" or "i686" or "i386" => $"{Platform}-32",
        _ => $"{Platform}-{Architecture}",
    };
}
