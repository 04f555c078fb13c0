namespace CondaRecipes.Recipes;

/// <summary>Maps 1-based rendered lines back to 1-based template lines.</summary>
public sealed class LineMap
{
    private readonly IReadOnlyList<int> _sources;

    internal LineMap(IReadOnlyList<int> sources) => _sources = sources;

    /// <summary>Every line maps to itself (the template's own lines).</summary>
    internal static LineMap Identity { get; } = new([]);

    /// <summary>The map of a text derived from this one: <paramref name="sources"/> gives, for each of its
    /// lines, the line of this map's text it came from.</summary>
    internal LineMap Then(IReadOnlyList<int> sources) => new(sources.Select(ToTemplateLine).ToList());

    /// <summary>The template line of a rendered line; lines past the end continue from the last known one.</summary>
    public int ToTemplateLine(int renderedLine)
    {
        if (renderedLine <= 0 || _sources.Count == 0) return renderedLine <= 0 ? 0 : renderedLine;
        if (renderedLine <= _sources.Count) return _sources[renderedLine - 1];
        return _sources[^1] + (renderedLine - _sources.Count);
    }
}
