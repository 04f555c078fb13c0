using System.Text;
using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// A version constraint as conda reads it: terms joined by <c>,</c> (and) and <c>|</c> (or), where <c>,</c>
/// binds tighter than <c>|</c> and parentheses group. A term is <c>*</c>; an operator and a version
/// (<c>==</c> exact with zero padding, <c>=</c> "starts with", <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>,
/// <c>&gt;</c>, <c>&gt;=</c>, <c>~=</c> compatible release; a trailing <c>.*</c> after <c>=</c>, <c>&gt;=</c>
/// and the other comparisons is dropped, after <c>!=</c> it means "does not start with"); a version ending
/// in <c>*</c> ("starts with": <c>1.2*</c> and <c>1.2.*</c> both mean components 1, 2 then anything); a
/// version with <c>*</c> inside (a glob on the whole string); <c>^…$</c> (a regular expression); or a plain
/// version (exact, <c>1.2 == 1.2.0</c>).
/// </summary>
public sealed class VersionSpec
{
    private readonly Node _root;

    private VersionSpec(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>Matches every version.</summary>
    public static VersionSpec Any { get; } = new("*", new AnyNode());

    /// <summary>
    /// The constraint without whitespace, each "starts with" glob written as conda writes it (<c>1.2*</c> as
    /// <c>1.2.*</c>).
    /// </summary>
    public string Text { get; }

    /// <summary>True for <c>*</c>: no constraint at all.</summary>
    public bool MatchesAll => _root is AnyNode;

    public override string ToString() => Text;

    /// <summary>
    /// Matches a parsed version. Regular expressions and globs are matched against the version as it was
    /// written (<see cref="VersionOrder.Original"/>), as conda does, not against its normalised form.
    /// </summary>
    public bool Matches(VersionOrder version) => _root.Matches(version.Original.Trim(), version);

    /// <summary>
    /// Matches a version string. A string conda cannot order matches only the terms that read the text
    /// itself (regular expressions, globs, exact <c>@</c> strings).
    /// </summary>
    public bool Matches(string version)
    {
        VersionOrder.TryParse(version, out var v);
        return _root.Matches(version.Trim(), v);
    }

    public static VersionSpec Parse(string text)
    {
        text ??= "";
        if (text.Trim().Length == 0) throw Error(text, "empty version constraint");
        if (text.Trim() == "*") return Any;
        var pos = 0;
        var canonical = new StringBuilder(text.Length);
        var root = ParseOr(text, ref pos, canonical);
        SkipSpaces(text, ref pos);
        if (pos != text.Length) throw Error(text, $"unexpected '{text[pos]}' at position {pos + 1}");
        return new VersionSpec(canonical.ToString(), root);
    }

    private static void SkipSpaces(string s, ref int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
    }

    private delegate Node TermParser(string s, ref int pos, StringBuilder text);

    // '|' joins ','-groups, ',' joins atoms: ',' binds tighter, as in conda.
    private static Node ParseOr(string s, ref int pos, StringBuilder text) =>
        ParseJoined(s, ref pos, text, '|', ParseAnd, terms => new OrNode(terms));

    private static Node ParseAnd(string s, ref int pos, StringBuilder text) =>
        ParseJoined(s, ref pos, text, ',', ParseAtom, terms => new AndNode(terms));

    private static Node ParseJoined(string s, ref int pos, StringBuilder text, char separator, TermParser term,
        Func<Node[], Node> join)
    {
        var terms = new List<Node> { term(s, ref pos, text) };
        SkipSpaces(s, ref pos);
        while (pos < s.Length && s[pos] == separator)
        {
            pos++;
            text.Append(separator);
            terms.Add(term(s, ref pos, text));
            SkipSpaces(s, ref pos);
        }
        return terms.Count == 1 ? terms[0] : join(terms.ToArray());
    }

    private static Node ParseAtom(string s, ref int pos, StringBuilder text)
    {
        SkipSpaces(s, ref pos);
        if (pos < s.Length && s[pos] == '(')
        {
            pos++;
            text.Append('(');
            var inner = ParseOr(s, ref pos, text);
            if (pos >= s.Length || s[pos] != ')') throw Error(s, "unbalanced parenthesis");
            pos++;
            text.Append(')');
            return inner;
        }
        var start = pos;
        // A regular expression term may itself hold '|' and parentheses: it runs to its '$'.
        if (pos < s.Length && s[pos] == '^')
        {
            var end = s.IndexOf('$', pos);
            if (end < 0) throw Error(s, "regular expression without closing '$'");
            pos = end + 1;
        }
        else
            while (pos < s.Length && s[pos] is not (',' or '|' or '(' or ')')) pos++;
        var term = s[start..pos].Trim();
        if (term.Length == 0) throw Error(s, "empty term");
        // Spaces separate terms from ',' '|' and parentheses only: "1.2 1.3" is two versions, not "1.21.3".
        if (term.Any(char.IsWhiteSpace)) throw Error(s, $"a space inside the term '{term}'");
        var (node, canonical) = ParseTerm(s, term);
        text.Append(canonical);
        return node;
    }

    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "~=", "<", ">", "="];

    /// <summary>Reads one term; returns its matcher and its canonical text (<c>1.2*</c> is written <c>1.2.*</c>).</summary>
    private static (Node, string) ParseTerm(string whole, string term)
    {
        if (term == "*") return (new AnyNode(), term);
        if (term[0] == '^' || term[^1] == '$')
        {
            if (term[0] != '^' || term[^1] != '$') throw Error(whole, $"regular expression '{term}' must start with '^' and end with '$'");
            try { return (new RegexNode(new Regex(term, RegexOptions.CultureInvariant)), term); }
            catch (ArgumentException e) { throw Error(whole, $"invalid regular expression '{term}': {e.Message}"); }
        }
        if (term[0] is '=' or '<' or '>' or '!' or '~')
        {
            var op = Operators.First(o => term.StartsWith(o, StringComparison.Ordinal) || o == "=");
            if (!term.StartsWith(op, StringComparison.Ordinal)) throw Error(whole, $"invalid operator in '{term}'");
            var operand = term[op.Length..];
            if (operand.Length == 0 || operand[0] is '=' or '<' or '>' or '!' or '~')
                throw Error(whole, $"invalid operator in '{term}'");
            var prefixWildcard = operand.EndsWith(".*", StringComparison.Ordinal);
            if (prefixWildcard)
            {
                if (op == "~=") throw Error(whole, $"'~=' cannot be combined with '.*' in '{term}'");
                operand = operand[..^2];
            }
            var v = ParseOperand(whole, operand);
            Node node = op switch
            {
                "==" => new CompareNode(v, c => c == 0),
                "!=" when prefixWildcard => new NotStartsWithNode(v),
                "!=" => new CompareNode(v, c => c != 0),
                "<" => new CompareNode(v, c => c < 0),
                "<=" => new CompareNode(v, c => c <= 0),
                ">" => new CompareNode(v, c => c > 0),
                ">=" => new CompareNode(v, c => c >= 0),
                "~=" => new CompatibleNode(v, CompatiblePrefix(whole, v)),
                _ => new StartsWithNode(v), // "="
            };
            return (node, term);
        }
        if (term.TrimEnd('*').Contains('*'))
        {
            // A '*' inside: a glob over the version as written.
            var pattern = "^(?:" + Regex.Escape(term).Replace(@"\*", ".*") + ")$";
            return (new RegexNode(new Regex(pattern, RegexOptions.CultureInvariant)), term);
        }
        if (term[^1] == '*')
        {
            // "1.2*" and "1.2.*" both mean: the components 1, 2, then anything.
            var canonical = term.EndsWith(".*", StringComparison.Ordinal) ? term : term[..^1] + ".*";
            var prefix = term.TrimEnd('*').TrimEnd('.');
            if (prefix.Length == 0) return (new AnyNode(), term);
            return (new StartsWithNode(ParseOperand(whole, prefix)), canonical);
        }
        // conda compares a version holding '@' as a plain string.
        if (term.Contains('@')) return (new ExactTextNode(term), term);
        return (new CompareNode(ParseOperand(whole, term), c => c == 0), term);
    }

    /// <summary>
    /// The prefix a <c>~=</c> version must start with: the floor without its last dot-separated part, as
    /// conda cuts it (<c>~=1.10</c> → <c>1</c>, <c>~=3.3.2</c> → <c>3.3</c>). A floor with one part has none.
    /// </summary>
    private static VersionOrder CompatiblePrefix(string whole, VersionOrder floor)
    {
        var dot = floor.Normalized.LastIndexOf('.');
        if (dot <= 0) throw Error(whole, $"'~={floor.Original}' needs at least two version components");
        return ParseOperand(whole, floor.Normalized[..dot]);
    }

    private static VersionOrder ParseOperand(string whole, string operand)
    {
        try { return VersionOrder.Parse(operand); }
        catch (CondaRecipesException e) { throw Error(whole, e.Message.TrimEnd('.')); }
    }

    private static CondaRecipesException Error(string text, string why) =>
        new(ChannelErrorCodes.InvalidVersionSpec, $"Invalid version constraint '{text}': {why}.",
            hint: "Write constraints like '1.2.*', '>=1.24,<2', '>=1.24|<1.0', '==0.4.38' or '~=1.2.3'.");

    /// <summary>One term or group; <c>v</c> is null when the text is not a version conda can order.</summary>
    private abstract class Node { public abstract bool Matches(string text, VersionOrder? v); }

    private sealed class AnyNode : Node { public override bool Matches(string text, VersionOrder? v) => true; }

    private sealed class OrNode(Node[] terms) : Node
    {
        public override bool Matches(string text, VersionOrder? v)
        {
            foreach (var t in terms) if (t.Matches(text, v)) return true;
            return false;
        }
    }

    private sealed class AndNode(Node[] terms) : Node
    {
        public override bool Matches(string text, VersionOrder? v)
        {
            foreach (var t in terms) if (!t.Matches(text, v)) return false;
            return true;
        }
    }

    private sealed class CompareNode(VersionOrder operand, Func<int, bool> test) : Node
    {
        public override bool Matches(string text, VersionOrder? v) => v is not null && test(v.CompareTo(operand));
    }

    private sealed class StartsWithNode(VersionOrder prefix) : Node
    {
        public override bool Matches(string text, VersionOrder? v) => v is not null && v.StartsWith(prefix);
    }

    private sealed class NotStartsWithNode(VersionOrder prefix) : Node
    {
        public override bool Matches(string text, VersionOrder? v) => v is not null && !v.StartsWith(prefix);
    }

    private sealed class CompatibleNode(VersionOrder floor, VersionOrder prefix) : Node
    {
        public override bool Matches(string text, VersionOrder? v) => v is not null && v >= floor && v.StartsWith(prefix);
    }

    private sealed class RegexNode(Regex regex) : Node
    {
        public override bool Matches(string text, VersionOrder? v) => regex.IsMatch(text);
    }

    private sealed class ExactTextNode(string exact) : Node
    {
        public override bool Matches(string text, VersionOrder? v) => string.Equals(text, exact, StringComparison.Ordinal);
    }
}
