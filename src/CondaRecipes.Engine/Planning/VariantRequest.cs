namespace CondaRecipes.Planning;

/// <summary>One variant of the matrix as the planner receives it (decoded from a <c>CondaVariantToBuild</c> item).</summary>
/// <param name="Id">The file-name-safe variant id (logs, work folders, stamps).</param>
/// <param name="Description">For messages: <c>PYTHON=3.11 MPI4PY_VERSION=4.0.3</c>.</param>
/// <param name="Variables">The variant's variables in matrix order (Python is <see cref="PythonVersion"/>).</param>
public sealed record VariantRequest(
    string Id,
    string Description,
    IReadOnlyList<KeyValuePair<string, string>> Variables,
    string? PythonVersion)
{
    /// <summary>The variables by name.</summary>
    public IReadOnlyDictionary<string, string> VariableMap { get; } =
        Variables.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>The variant config's settings (pin_run_as_build, ignore_version, ignore_build_only_deps) as
    /// <see cref="Recipes.Variants.VariantSettings"/> text; empty for conda-build's defaults.</summary>
    public string Settings { get; init; } = "";

    /// <summary><c>recipe PYTHON=3.11 ...</c>, the prefix of every line about this variant.</summary>
    public string Label(string recipeName) => $"{recipeName} {Description}".TrimEnd();
}
