namespace CondaRecipes.Recipes.Matrix;

/// <summary>
/// One axis of a build matrix: one variable (<c>MPI4PY_VERSION</c>) or several that move together
/// (<c>PYTORCH_VERSION</c> with <c>TORCHVISION_VERSION</c>, conda-build's <c>zip_keys</c>). Each row holds
/// one value per variable, in <see cref="Variables"/> order.
/// </summary>
public sealed record MatrixAxis(
    IReadOnlyList<MatrixVariable> Variables,
    IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A readable name for messages: the variables joined with '+'.</summary>
    public string Name => string.Join("+", Variables.Select(v => v.Name));
}

/// <summary>
/// A matrix variable, the global property that narrows it from the command line, and where it was
/// declared (for error messages).
/// </summary>
public sealed record MatrixVariable(string Name, string OverrideProperty, string? DeclaredIn = null, int Line = 0)
{
    /// <summary>The variable that carries the Python version of a variant.</summary>
    public const string Python = "PY_VER";

    /// <summary>
    /// The default command-line property for a variable: <c>MPI4PY_VERSION</c> → <c>Mpi4pyVersion</c>,
    /// so <c>-p:Mpi4pyVersion=4.0.0</c> narrows that axis.
    /// </summary>
    public static string DefaultOverrideProperty(string variable) =>
        string.Concat(variable.Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
}
