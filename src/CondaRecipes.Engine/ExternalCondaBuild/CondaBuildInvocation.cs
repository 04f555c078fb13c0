namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// One conda-build run of one variant: the recipe, the Python version, where packages go, and the
/// variant's variables. The original Makefile's
/// <c>MPI4PY_VERSION=4.0.0 conda-build --python 3.12 --channel conda-forge --output-folder output/ ./mpi4py</c>.
/// </summary>
public sealed record CondaBuildInvocation
{
    /// <summary>The recipe directory (holding meta.yaml).</summary>
    public required string RecipeDirectory { get; init; }

    /// <summary>The Python version, <c>X.Y</c> (the original's <c>ENV_PYTHON_VERSION</c>).</summary>
    public required string PythonVersion { get; init; }

    /// <summary>The local channel packages are written to (the original's <c>output/</c>).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>A name for the variant, used for its log file (e.g. <c>py3.12-mpi4py4.0.0</c>).</summary>
    public required string VariantName { get; init; }

    /// <summary>
    /// Whether the output folder is also passed as the first channel (as a <c>file://</c> URL), so a
    /// recipe finds packages built before it (jax needs jaxlib from output/).
    /// </summary>
    public bool UseOutputFolderAsChannel { get; init; } = true;

    /// <summary>Channels after the local one; conda-forge, as in the original.</summary>
    public IReadOnlyList<string> Channels { get; init; } = ["conda-forge"];

    /// <summary>Variant config files passed as <c>-m</c>.</summary>
    public IReadOnlyList<string> VariantConfigFiles { get; init; } = [];

    /// <summary>Further conda-build arguments, placed before the recipe directory.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>
    /// Variables the recipe reads through Jinja's <c>environ</c> (<c>MPI4PY_VERSION</c>,
    /// <c>NCAR_BUILD_ENV</c>, ...), set in conda-build's process environment on top of the inherited one.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
