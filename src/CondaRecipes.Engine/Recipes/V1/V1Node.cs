namespace CondaRecipes.Recipes.V1;

/// <summary>
/// A node of a rendered <c>recipe.yaml</c>: every <c>${{ … }}</c> expression evaluated, every
/// <c>if/then/else</c> list item resolved, with the line of <see cref="File"/> it came from. Scalars keep
/// their text (a YAML null is <see cref="V1Scalar.IsNull"/>); mappings keep their key order.
/// </summary>
public abstract record V1Node(int Line)
{
    /// <summary>The recipe file the node was read from (named in coded errors).</summary>
    public string File { get; init; } = "";
}

/// <summary>A rendered scalar. <see cref="Value"/> is null only for a YAML null (<c>~</c>, empty, <c>null</c>).</summary>
public sealed record V1Scalar(string? Value, int Line) : V1Node(Line)
{
    public bool IsNull => Value is null;

    /// <summary>True when the text came from a quoted scalar or an expression (never read as a YAML bool or number).</summary>
    public bool Quoted { get; init; }

    public override string ToString() => Value ?? "";
}

/// <summary>A rendered list; items an <c>if:</c> dropped are gone and a <c>then:</c> list is spliced in.</summary>
public sealed record V1Sequence(IReadOnlyList<V1Node> Items, int Line) : V1Node(Line);

/// <summary>One key of a mapping with the line of the key.</summary>
public sealed record V1Entry(string Key, V1Node Value, int Line);

/// <summary>A rendered mapping, keys in file order.</summary>
public sealed record V1Mapping(IReadOnlyList<V1Entry> Entries, int Line) : V1Node(Line)
{
    public V1Node? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public V1Entry? Entry(string key) => Entries.FirstOrDefault(e => e.Key == key);

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);
}
