using System.Text;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// The text a template renders to, with the template line every rendered line starts from, so that a
/// YAML or selector error in the rendered text can be reported at the line the user wrote.
/// </summary>
internal sealed class RenderOutput
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _lineSources = [];
    private bool _atLineStart = true;

    /// <summary>Appends <paramref name="text"/>, which starts at template line <paramref name="line"/>.</summary>
    /// <param name="advancesLines">True for literal template text, whose newlines are template newlines;
    /// false for an expression's value, all of which comes from the expression's line.</param>
    public void Append(string text, int line, bool advancesLines)
    {
        if (text.Length == 0) return;
        int pos = 0;
        while (pos < text.Length)
        {
            if (_atLineStart)
            {
                _lineSources.Add(line);
                _atLineStart = false;
            }
            int nl = text.IndexOf('\n', pos);
            if (nl < 0)
            {
                _text.Append(text, pos, text.Length - pos);
                return;
            }
            _text.Append(text, pos, nl + 1 - pos);
            _atLineStart = true;
            if (advancesLines) line++;
            pos = nl + 1;
        }
    }

    public string Text => _text.ToString();

    /// <summary>Template line of each rendered line (index 0 is rendered line 1).</summary>
    public IReadOnlyList<int> LineSources => _lineSources;
}

/// <summary>Maps 1-based rendered lines back to 1-based template lines.</summary>
public sealed class LineMap
{
    private readonly IReadOnlyList<int> _sources;

    internal LineMap(IReadOnlyList<int> sources) => _sources = sources;

    /// <summary>The template line of a rendered line; lines past the end continue from the last known one.</summary>
    public int ToTemplateLine(int renderedLine)
    {
        if (renderedLine <= 0 || _sources.Count == 0) return renderedLine <= 0 ? 0 : renderedLine;
        if (renderedLine <= _sources.Count) return _sources[renderedLine - 1];
        return _sources[^1] + (renderedLine - _sources.Count);
    }
}
