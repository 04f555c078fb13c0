namespace CondaRecipes.Recipes.V1;

/// <summary>
/// The top-level sections an output inherits (<c>build</c>, <c>about</c>, <c>requirements</c>): merged key by
/// key, the output's value winning; nested mappings merge the same way, lists and values are replaced.
/// Also turns a rendered node into plain values (for <c>extra</c>).
/// </summary>
internal static class V1Merge
{
    public static V1Mapping? Merge(V1Mapping? top, V1Mapping? output)
    {
        if (top is null) return output;
        if (output is null) return top;
        var entries = new List<V1Entry>();
        foreach (var entry in top.Entries)
        {
            var own = output.Entry(entry.Key);
            entries.Add(own is null ? entry
                : entry.Value is V1Mapping a && own.Value is V1Mapping b ? own with { Value = Merge(a, b)! } : own);
        }
        entries.AddRange(output.Entries.Where(e => top.Entry(e.Key) is null));
        return new V1Mapping(entries, output.Line) { File = output.File };
    }

    public static object? ToPlain(V1Node node) => node switch
    {
        V1Scalar s => s.Value,
        V1Sequence seq => seq.Items.Select(ToPlain).ToList(),
        V1Mapping m => m.Entries.ToDictionary(e => e.Key, e => ToPlain(e.Value), StringComparer.Ordinal),
        _ => null,
    };
}
