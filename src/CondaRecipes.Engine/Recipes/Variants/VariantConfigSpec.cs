namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// One source of variant settings as conda-build reads it (a <c>conda_build_config.yaml</c>, or the
/// defaults): every key with a list of values (a scalar is a list of one), a mapping
/// (<c>pin_run_as_build</c>), or, for <c>zip_keys</c>, groups of keys. Values stay text, as conda-build's
/// loader leaves them (<c>3.10</c> is "3.10", not 3.1).
/// </summary>
public sealed class VariantConfigSpec
{
    public VariantConfigSpec(string source) => Source = source;

    /// <summary>The file's full path, or a name such as <c>defaults</c>.</summary>
    public string Source { get; }

    /// <summary>Keys in the order the source lists them.</summary>
    public List<string> Keys { get; } = [];

    /// <summary>Keys whose value is a scalar or a list of scalars.</summary>
    public Dictionary<string, IReadOnlyList<string>> Lists { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys whose value is a mapping; nested values are strings or further mappings.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, object>> Mappings { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>zip_keys</c> groups of this source (a flat list is one group).</summary>
    public List<IReadOnlyList<string>> ZipKeys { get; } = [];

    /// <summary>The 1-based line of each key in <see cref="Source"/> (0 when not from a file).</summary>
    public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

    public bool Contains(string key) => Lists.ContainsKey(key) || Mappings.ContainsKey(key) || (key == ZipKeysKey && ZipKeys.Count > 0);

    public int LineOf(string key) => Lines.TryGetValue(key, out var line) ? line : 0;

    public const string ZipKeysKey = "zip_keys";

    public void SetList(string key, IReadOnlyList<string> values, int line = 0)
    {
        if (!Contains(key)) Keys.Add(key);
        Lists[key] = values;
        Lines[key] = line;
    }

    public void SetMapping(string key, IReadOnlyDictionary<string, object> mapping, int line = 0)
    {
        if (!Contains(key)) Keys.Add(key);
        Mappings[key] = mapping;
        Lines[key] = line;
    }
}
