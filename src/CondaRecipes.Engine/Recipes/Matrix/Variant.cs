namespace CondaRecipes.Recipes.Matrix;

/// <summary>
/// One point of the matrix: a value for every variable. The Python version (if the matrix has a Python
/// axis) is the value of <see cref="MatrixVariable.Python"/>.
/// </summary>
public sealed class Variant
{
    public Variant(IReadOnlyList<KeyValuePair<string, string>> values) => Values = values;

    /// <summary>Variable → value, in axis order (Python first).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    /// <summary>
    /// Variables every variant shares because a variant config file gives them one value (<c>c_compiler=gcc</c>):
    /// part of <see cref="Variables"/>, but not of <see cref="Id"/> or the description.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Constants { get; init; } = [];

    public string? PythonVersion => Get(MatrixVariable.Python);

    public string? Get(string variable) =>
        Values.Concat(Constants).FirstOrDefault(kv => kv.Key == variable) is { Key: not null } kv ? kv.Value : null;

    /// <summary>
    /// A stable, file-name-safe identifier used for logs, work directories, stamps and job names,
    /// e.g. <c>py3.11_mpi4py_version-4.0.3</c>. See <see cref="VariantIds"/> for the rule.
    /// </summary>
    public string Id => VariantIds.For(Values);

    /// <summary>The values as recipe environment variables (the Makefile exported them the same way).</summary>
    public IReadOnlyDictionary<string, string> Variables =>
        Values.Where(kv => kv.Key != MatrixVariable.Python).Concat(Constants).ToDictionary(kv => kv.Key, kv => kv.Value);

    public override string ToString() => string.Join(" ", Values.Select(kv => $"{kv.Key}={kv.Value}"));
}
