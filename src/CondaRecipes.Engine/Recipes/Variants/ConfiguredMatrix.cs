using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// The matrix of a recipe from its merged variant config and the project's matrix items. An item for a key
/// (<c>CondaPython</c> for <c>python</c>, a <c>CondaVariant</c> of the same name) replaces the values the files
/// give that key and keeps its zip group; keys of the files with several values, or zipped, become axes;
/// keys with one value are constants of every variant. Command-line narrowing applies to the axes last.
/// An item for a zipped key whose values are all among the files' values selects those rows of the zip group
/// instead (as conda-build's <c>--python 3.12</c> selects from a python/numpy zip), so the group stays aligned.
/// </summary>
public static class ConfiguredMatrix
{
    /// <summary>The variant config key that holds the Python version (the project's Python axis).</summary>
    public const string PythonKey = "python";

    public sealed record Result(IReadOnlyList<Variant> Variants, IReadOnlyList<MatrixAxis> Axes);

    public static Result Expand(VariantConfig config, IReadOnlyList<AxisDeclaration> items,
        IReadOnlyDictionary<string, string> overrides)
    {
        var itemByKey = items.ToDictionary(d => ConfigKeyOf(d.Variable), StringComparer.Ordinal);
        var declarations = new List<AxisDeclaration>();
        var constants = new List<KeyValuePair<string, string>>();
        var fromFiles = new HashSet<string>(StringComparer.Ordinal);

        // Python first, then the items in their order, then the keys of the files.
        var itemSelections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(d => d.Variable == MatrixVariable.Python ? 0 : 1))
        {
            string key = ConfigKeyOf(item.Variable);
            var declared = item with { ZipWith = item.ZipWith ?? ZipLeader(config, key, itemByKey) };
            if (config.ZipGroups.Any(g => g.Contains(key)) && config.Keys.FirstOrDefault(kv => kv.Key == key).Value is { } fileValues
                && item.Values.All(fileValues.Contains))
            {
                itemSelections[item.Variable] = item.Values;
                declared = declared with { Values = fileValues };
            }
            declarations.Add(declared);
        }
        foreach (var (key, values) in config.Keys)
        {
            if (itemByKey.ContainsKey(key)) continue;
            string variable = VariableOf(key);
            var (source, line) = config.Origins.TryGetValue(key, out var o) ? o : (null, 0);
            bool zipped = config.ZipGroups.Any(g => g.Contains(key));
            if (values.Count == 1 && !zipped && key != PythonKey)
            {
                constants.Add(KeyValuePair.Create(variable, values[0]));
                continue;
            }
            fromFiles.Add(variable);
            declarations.Add(new AxisDeclaration(variable, values, ZipLeader(config, key, itemByKey), null, source, line));
        }

        var axes = VariantMatrix.BuildAxes(declarations);
        IEnumerable<Variant> variants = VariantMatrix.ExpandAxes(axes, overrides)
            .Select(v => new Variant(v.Values) { Constants = constants });
        foreach (var (variable, allowed) in itemSelections)
            variants = variants.Where(v => v.Get(variable) is { } value && allowed.Contains(value)).ToList();
        foreach (var (key, allowed) in config.Selections)
        {
            string variable = VariableOf(key);
            if (!fromFiles.Contains(variable)) continue;
            var list = variants.ToList();
            var kept = list.Where(v => v.Get(variable) is { } value && allowed.Contains(value)).ToList();
            variants = kept.Count > 0 ? kept : list;
        }
        return new Result(variants.ToList(), axes);
    }

    /// <summary>The matrix variable of a config key: <c>python</c> is the Python axis.</summary>
    public static string VariableOf(string key) => key == PythonKey ? MatrixVariable.Python : key;

    public static string ConfigKeyOf(string variable) => variable == MatrixVariable.Python ? PythonKey : variable;

    /// <summary>The variable a key zips with: the first other key of its group that is declared before it.</summary>
    private static string? ZipLeader(VariantConfig config, string key, IReadOnlyDictionary<string, AxisDeclaration> items)
    {
        var group = config.ZipGroups.FirstOrDefault(g => g.Contains(key));
        if (group is null) return null;
        // Items are declared first, so an item of the group leads; else the group's first key.
        string leader = group.FirstOrDefault(items.ContainsKey) ?? group[0];
        return leader == key ? null : VariableOf(leader);
    }
}
