using System.Text.RegularExpressions;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.Loading;

/// <summary>The <c>re.Match</c> that <c>load_file_regex</c> returns: <c>group()</c>, <c>group(n)</c>,
/// <c>group('name')</c>, <c>groups()</c> and <c>groupdict()</c>, as in Python.</summary>
internal sealed class RegexMatchValue(Match match)
{
    public object? Call(string method, IReadOnlyList<object?> args, int line)
    {
        switch (method)
        {
            case "group":
                if (args.Count == 0) return match.Value;
                if (args.Count == 1) return Group(args[0], line);
                return args.Select(a => Group(a, line)).ToList();
            case "groups":
                return match.Groups.Cast<Group>().Skip(1)
                    .Select(g => g.Success ? (object?)g.Value : JinjaNone.Literal).ToList();
            case "groupdict":
                return match.Groups.Cast<Group>().Where(g => !int.TryParse(g.Name, out _))
                    .ToDictionary(g => g.Name, g => g.Success ? (object?)g.Value : JinjaNone.Literal, StringComparer.Ordinal);
            default:
                throw TemplateError.Evaluation($"A regular expression match has no method '{method}'.", line,
                    "Use .group(n), .groups() or .groupdict() on what load_file_regex returns.");
        }
    }

    private object? Group(object? key, int line)
    {
        var g = key switch
        {
            long n when n >= 0 && n < match.Groups.Count => match.Groups[(int)n],
            string name when match.Groups.ContainsKey(name) => match.Groups[name],
            _ => throw TemplateError.Evaluation($"The match has no group {JinjaValues.Repr(key)}.", line,
                "Count the parentheses in the pattern given to load_file_regex."),
        };
        return g.Success ? g.Value : JinjaNone.Literal;
    }

    public override string ToString() => $"<re.Match object; match='{match.Value}'>";
}
