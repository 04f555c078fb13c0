using CondaRecipes.Diagnostics;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Finds the package manager (conda, mamba or micromamba) and the conda-build executable. Nothing here
/// reads the process environment: the caller passes the PATH string, so an MSBuild task can pass the
/// build's PATH and a test can pass a directory of its own.
/// </summary>
public sealed class CondaToolLocator
{
    /// <summary>The order tried on PATH when no preference is given: conda first, as the original Makefile used it.</summary>
    public static readonly IReadOnlyList<CondaToolKind> DefaultPreference =
        [CondaToolKind.Conda, CondaToolKind.Mamba, CondaToolKind.Micromamba];

    private readonly string? _explicitPath;
    private readonly CondaToolKind? _explicitKind;
    private readonly IReadOnlyList<CondaToolKind> _preference;

    /// <param name="explicitPath">A path from the settings; when set it wins over PATH and must be usable.</param>
    /// <param name="explicitKind">The kind of <paramref name="explicitPath"/>; told from its file name when null.</param>
    /// <param name="preference">The order to try on PATH; <see cref="DefaultPreference"/> when null.</param>
    public CondaToolLocator(string? explicitPath = null, CondaToolKind? explicitKind = null,
        IReadOnlyList<CondaToolKind>? preference = null)
    {
        _explicitPath = string.IsNullOrWhiteSpace(explicitPath) ? null : explicitPath;
        _explicitKind = explicitKind;
        _preference = preference ?? DefaultPreference;
        if (_preference.Count == 0)
            throw new CondaRecipesException(CondaBuildErrorCodes.BadToolSettings,
                "The conda tool preference list is empty.", hint: "Name at least one of conda, mamba, micromamba.");
    }

    /// <summary>The package manager to use: the explicit path, else the first preferred tool on PATH.</summary>
    /// <exception cref="CondaRecipesException">CR7001, CR7002 or CR7003.</exception>
    public CondaTool FindTool(string? pathVariable)
    {
        if (_explicitPath is not null)
        {
            if (!ExecutableFiles.IsExecutable(_explicitPath))
                throw new CondaRecipesException(CondaBuildErrorCodes.ExplicitToolNotUsable,
                    $"The conda tool '{_explicitPath}' given in the settings does not exist or is not executable.",
                    file: _explicitPath,
                    hint: "Correct the path, or leave it empty to search PATH for conda, mamba or micromamba.");
            var kind = _explicitKind ?? CondaTool.KindFromFileName(_explicitPath)
                ?? throw new CondaRecipesException(CondaBuildErrorCodes.BadToolSettings,
                    $"Cannot tell whether '{_explicitPath}' is conda, mamba or micromamba from its name.",
                    file: _explicitPath, hint: "State the tool kind in the settings as well as its path.");
            return new CondaTool(kind, Path.GetFullPath(_explicitPath));
        }

        return TryFindOnPath(pathVariable)
            ?? throw new CondaRecipesException(CondaBuildErrorCodes.NoCondaToolFound,
                $"None of {string.Join(", ", _preference.Select(CondaTool.ExecutableName))} was found on PATH " +
                $"({string.Join(Path.PathSeparator, ExecutableFiles.SplitPath(pathVariable))}).",
                hint: "Install Miniforge or micromamba, put it on PATH, or give its path in the settings.");
    }

    /// <summary>The first preferred tool on PATH, or null. The explicit path is not consulted.</summary>
    public CondaTool? TryFindOnPath(string? pathVariable)
    {
        foreach (var kind in _preference)
        {
            var found = ExecutableFiles.FindOnPath(CondaTool.ExecutableName(kind), pathVariable);
            if (found is not null) return new CondaTool(kind, found);
        }
        return null;
    }

    /// <summary>
    /// The conda-build executable: <c>&lt;env&gt;/bin/conda-build</c> of the bootstrapped environment when
    /// it exists, else the first on PATH; null when neither.
    /// </summary>
    public static string? TryFindCondaBuild(string? environmentDirectory, string? pathVariable)
    {
        if (!string.IsNullOrEmpty(environmentDirectory))
        {
            var inEnv = CondaBuildExecutableIn(environmentDirectory);
            if (ExecutableFiles.IsExecutable(inEnv)) return Path.GetFullPath(inEnv);
        }
        return ExecutableFiles.FindOnPath("conda-build", pathVariable);
    }

    /// <summary>Like <see cref="TryFindCondaBuild"/>, but a missing conda-build is error CR7301.</summary>
    public static string FindCondaBuild(string? environmentDirectory, string? pathVariable) =>
        TryFindCondaBuild(environmentDirectory, pathVariable)
        ?? throw new CondaRecipesException(CondaBuildErrorCodes.CondaBuildNotFound,
            $"conda-build was found neither in the environment '{environmentDirectory}' nor on PATH.",
            file: environmentDirectory,
            hint: "Let the build bootstrap the conda-build environment from eng/conda_build.yaml, or put conda-build on PATH.");

    /// <summary>Where conda-build lives inside an environment.</summary>
    public static string CondaBuildExecutableIn(string environmentDirectory) =>
        OperatingSystem.IsWindows()
            ? Path.Combine(environmentDirectory, "Scripts", "conda-build.exe")
            : Path.Combine(environmentDirectory, "bin", "conda-build");
}
