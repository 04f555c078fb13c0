using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// An exact string, a glob with <c>*</c> (<c>derecho*</c>, <c>py3*_0</c>) or a <c>^…$</c> regular expression —
/// how conda matches build strings, names and channels. Case-sensitive, like conda, except where conda compares
/// without case (licenses).
/// </summary>
public sealed class StringPattern
{
    private readonly Regex? _regex;

    private readonly bool _ignoreCase;

    private StringPattern(string text, Regex? regex, bool ignoreCase = false)
    {
        Text = text;
        _regex = regex;
        _ignoreCase = ignoreCase;
    }

    public string Text { get; }

    /// <summary>True when the pattern has no wildcard or regular expression: it names one string.</summary>
    public bool IsExact => _regex is null;

    /// <summary>True for <c>*</c>.</summary>
    public bool MatchesAll => Text == "*";

    public bool Matches(string? value) =>
        value is not null && (_regex?.IsMatch(value)
            ?? string.Equals(value, Text, _ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    public override string ToString() => Text;

    public static StringPattern Parse(string text, string errorCode = ChannelErrorCodes.InvalidMatchSpec, bool ignoreCase = false)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        if (string.IsNullOrWhiteSpace(text))
            throw new CondaRecipesException(errorCode, "Empty pattern in a match specification.",
                hint: "Give a string, a glob such as 'derecho*' or a regular expression '^…$'.");
        text = text.Trim();
        if (text[0] == '^' && text[^1] == '$')
        {
            try { return new StringPattern(text, new Regex(text, options), ignoreCase); }
            catch (ArgumentException e)
            {
                throw new CondaRecipesException(errorCode, $"Invalid regular expression '{text}': {e.Message}",
                    hint: "Fix the expression or use a glob with '*'.");
            }
        }
        if (!text.Contains('*')) return new StringPattern(text, null, ignoreCase);
        var pattern = "^" + Regex.Escape(text).Replace(@"\*", ".*") + "$";
        return new StringPattern(text, new Regex(pattern, options), ignoreCase);
    }
}
