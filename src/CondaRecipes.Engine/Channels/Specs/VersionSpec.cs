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

    /// <summary>The constraint as written, without whitespace.</summary>
    public string Text { get; }

    /// <summary>True for <c>*</c>: no constraint at all.</summary>
    public bool MatchesAll => _root is AnyNode;

    public override string ToString() => Text;

    public bool Matches(VersionOrder version) => _root.Matches(version);

    /// <summary>Matches a version string; an unparsable version matches nothing.</summary>
    public bool Matches(string version) =>
        VersionOrder.TryParse(version, out var v) && _root.Matches(v!);

    public static VersionSpec Parse(string text)
    {
        var compact = RemoveWhitespace(text ?? "");
        if (compact.Length == 0) throw Error(text ?? "", "empty version constraint");
        if (compact == "*") return Any;
        var pos = 0;
        var root = ParseOr(compact, ref pos);
        if (pos != compact.Length) throw Error(compact, $"unexpected '{compact[pos]}' at position {pos + 1}");
        return new VersionSpec(compact, root);
    }

    private static string RemoveWhitespace(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    private static Node ParseOr(string s, ref int pos)
    {
        var terms = new List<Node> { ParseAnd(s, ref pos) };
        while (pos < s.Length && s[pos] == '|') { pos++; terms.Add(ParseAnd(s, ref pos)); }
        return terms.Count == 1 ? terms[0] : new OrNode(terms.ToArray());
    }

    private static Node ParseAnd(string s, ref int pos)
    {
        var terms = new List<Node> { ParseAtom(s, ref pos) };
        while (pos < s.Length && s[pos] == ',') { pos++; terms.Add(ParseAtom(s, ref pos)); }
        return terms.Count == 1 ? terms[0] : new AndNode(terms.ToArray());
    }

    private static Node ParseAtom(string s, ref int pos)
    {
        if (pos < s.Length && s[pos] == '(')
        {
            pos++;
            var inner = ParseOr(s, ref pos);
            if (pos >= s.Length || s[pos] != ')') throw Error(s, "unbalanced parenthesis");
            pos++;
            return inner;
        }
        var start = pos;
        // A regular expression term may itself hold '|' and parentheses: it runs to its '$'.
        if (pos < s.Length && s[pos] == '^')
        {
            var end = s.IndexOf('$', pos);
            if (end < 0) throw Error(s, "regular expression without closing '$'");
            pos = end + 1;
            return ParseTerm(s, s[start..pos]);
        }
        while (pos < s.Length && s[pos] is not (',' or '|' or '(' or ')')) pos++;
        if (pos == start) throw Error(s, "empty term");
        return ParseTerm(s, s[start..pos]);
    }

    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "~=", "<", ">", "="];

    private static Node ParseTerm(string whole, string term)
    {
        if (term == "*") return new AnyNode();
        if (term[0] == '^' || term[^1] == '$')
        {
            if (term[0] != '^' || term[^1] != '$') throw Error(whole, $"regular expression '{term}' must start with '^' and end with '$'");
            try { return new RegexNode(new Regex(term, RegexOptions.CultureInvariant)); }
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
            return op switch
            {
                "==" => new CompareNode(v, c => c == 0),
                "!=" when prefixWildcard => new NotStartsWithNode(v),
                "!=" => new CompareNode(v, c => c != 0),
                "<" => new CompareNode(v, c => c < 0),
                "<=" => new CompareNode(v, c => c <= 0),
                ">" => new CompareNode(v, c => c > 0),
                ">=" => new CompareNode(v, c => c >= 0),
                "~=" => new CompatibleNode(v),
                _ => new StartsWithNode(v), // "="
            };
        }
        var inner = term.TrimEnd('*');
        if (inner.Contains('*'))
            return new RegexNode(new Regex("^(?:" + Regex.Escape(term).Replace(@"\*", ".*") + ")$", RegexOptions.CultureInvariant));
        if (term[^1] == '*')
        {
            // "1.2*" and "1.2.*" both mean: the components 1, 2, then anything.
            var prefix = term[..^1].TrimEnd('.');
            if (prefix.Length == 0) return new AnyNode();
            return new StartsWithNode(ParseOperand(whole, prefix));
        }
        return new CompareNode(ParseOperand(whole, term), c => c == 0);
    }

    private static VersionOrder ParseOperand(string whole, string operand)
    {
        try { return VersionOrder.Parse(operand); }
        catch (CondaRecipesException e) { throw Error(whole, e.Message.TrimEnd('.')); }
    }

    private static CondaRecipesException Error(string text, string why) =>
        new(ChannelErrorCodes.InvalidVersionSpec, $"Invalid version constraint '{text}': {why}.",
            hint: "Write constraints like '1.2.*', '>=1.24,<2', '>=1.24|<1.0', '==0.4.38' or '~=1.2.3'.");

    private abstract class Node { public abstract bool Matches(VersionOrder v); }

    private sealed class AnyNode : Node { public override bool Matches(VersionOrder v) => true; }

    private sealed class OrNode(Node[] terms) : Node
    {
        public override bool Matches(VersionOrder v)
        {
            foreach (var t in terms) if (t.Matches(v)) return true;
            return false;
        }
    }

    private sealed class AndNode(Node[] terms) : Node
    {
        public override bool Matches(VersionOrder v)
        {
            foreach (var t in terms) if (!t.Matches(v)) return false;
            return true;
        }
    }

    private sealed class CompareNode(VersionOrder operand, Func<int, bool> test) : Node
    {
        public override bool Matches(VersionOrder v) => test(v.CompareTo(operand));
    }

    private sealed class StartsWithNode(VersionOrder prefix) : Node
    {
        public override bool Matches(VersionOrder v) => v.StartsWith(prefix);
    }

    private sealed class NotStartsWithNode(VersionOrder prefix) : Node
    {
        public override bool Matches(VersionOrder v) => !v.StartsWith(prefix);
    }

    private sealed class CompatibleNode(VersionOrder floor) : Node
    {
        public override bool Matches(VersionOrder v) => v.IsCompatibleWith(floor);
    }

    private sealed class RegexNode(Regex regex) : Node
    {
        public override bool Matches(VersionOrder v) => regex.IsMatch(v.Normalized);
    }
}
