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
