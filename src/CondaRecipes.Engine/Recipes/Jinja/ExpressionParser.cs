namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Recursive-descent parser for Jinja expressions, with Jinja's precedence (lowest first):
/// conditional <c>a if c else b</c>, <c>or</c>, <c>and</c>, <c>not</c>, comparisons and <c>in</c>,
/// <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>, unary <c>-</c>, then primaries with attribute access,
/// indexing, slicing, calls, filters (<c>|f(args)</c>) and tests (<c>is [not] name</c>).
/// Line selectors use the same parser: their Python expressions are within this grammar.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly HashSet<string> CompareOps = ["==", "!=", "<", "<=", ">", ">="];
    private readonly List<ExpressionToken> _tokens;
    private readonly string _source;
    private int _pos;

    public ExpressionParser(List<ExpressionToken> tokens, string source, int start = 0)
    {
        _tokens = tokens;
        _source = source;
        _pos = start;
    }

    /// <summary>Parses a whole expression text, rejecting anything left over.</summary>
    public static Expr ParseAll(string text, int line)
    {
        var parser = new ExpressionParser(ExpressionTokenizer.Tokenize(text, line), text);
        var expr = parser.ParseExpression();
        parser.ExpectEnd();
        return expr;
    }

    public ExpressionToken Current => _tokens[_pos];

    public bool AtEnd => Current.Kind == TokenKind.End;

    public ExpressionToken Next() => _tokens[_pos++];

    public void ExpectEnd()
    {
        if (!AtEnd) throw Error($"unexpected {Current} after the end of the expression");
    }

    public void ExpectOperator(string op)
    {
        if (!Current.IsOperator(op)) throw Error($"expected '{op}' but found {Current}");
        _pos++;
    }

    public string ExpectName()
    {
        if (Current.Kind != TokenKind.Name) throw Error($"expected a name but found {Current}");
        return Next().Text;
    }

    public TemplateError Error(string what) =>
        TemplateError.Syntax($"Bad expression '{_source.Trim()}': {what}.", Current.Line);

    public Expr ParseExpression(bool allowConditional = true)
    {
        var expr = ParseOr();
        if (allowConditional && Current.IsName("if"))
        {
            int line = Next().Line;
            var condition = ParseOr();
            Expr? otherwise = null;
            if (Current.IsName("else"))
            {
                _pos++;
                otherwise = ParseExpression();
            }
            return new ConditionalExpr(expr, condition, otherwise, line);
        }
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            int line = Next().Line;
            left = new BinaryExpr("or", left, ParseAnd(), line);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            int line = Next().Line;
            left = new BinaryExpr("and", left, ParseNot(), line);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            int line = Next().Line;
            return new UnaryExpr("not", ParseNot(), line);
        }
        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var first = ParseMath1();
        List<KeyValuePair<string, Expr>>? rest = null;
        while (true)
        {
            string op;
            if (Current.Kind == TokenKind.Operator && CompareOps.Contains(Current.Text)) op = Next().Text;
            else if (Current.IsName("in")) { _pos++; op = "in"; }
            else if (Current.IsName("not") && _tokens[_pos + 1].IsName("in")) { _pos += 2; op = "not in"; }
            else break;
            (rest ??= []).Add(new(op, ParseMath1()));
        }
        return rest is null ? first : new CompareExpr(first, rest, first.Line);
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParseConcat(), op.Line);
        }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMath2();
        while (Current.IsOperator("~"))
        {
            int line = Next().Line;
            left = new BinaryExpr("~", left, ParseMath2(), line);
        }
        return left;
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.IsOperator("*") || Current.IsOperator("/") || Current.IsOperator("//") || Current.IsOperator("%"))
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParsePow(), op.Line);
        }
        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary();
        while (Current.IsOperator("**"))
        {
            int line = Next().Line;
            left = new BinaryExpr("**", left, ParseUnary(), line);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            var op = Next();
            return ParseFiltersAndTests(new UnaryExpr(op.Text, ParseUnary(), op.Line));
        }
        return ParseFiltersAndTests(ParsePostfix(ParsePrimary()));
    }

    private Expr ParseFiltersAndTests(Expr node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                int line = Next().Line;
                string name = ExpectName();
                var (args, kwargs) = Current.IsOperator("(") ? ParseCallArguments() : ([], []);
                node = new FilterExpr(node, name, args, kwargs, line);
            }
            else if (Current.IsName("is"))
            {
                int line = Next().Line;
                bool negated = false;
                if (Current.IsName("not")) { _pos++; negated = true; }
                string name = ExpectName();
                IReadOnlyList<Expr> args = [];
                if (Current.IsOperator("(")) args = ParseCallArguments().Args;
                node = new TestExpr(node, name, negated, args, line);
            }
            else return node;
        }
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                _pos++;
                return token.Text switch
                {
                    "true" or "True" => new LiteralExpr(true, token.Line),
                    "false" or "False" => new LiteralExpr(false, token.Line),
                    "none" or "None" => new LiteralExpr(JinjaNone.Literal, token.Line),
                    _ => new NameExpr(token.Text, token.Line),
                };
            case TokenKind.String:
            {
                _pos++;
                string value = (string)token.Value!;
                // Adjacent string literals concatenate, as in Python.
                while (Current.Kind == TokenKind.String) value += (string)Next().Value!;
                return new LiteralExpr(value, token.Line);
            }
            case TokenKind.Integer:
            case TokenKind.Float:
                _pos++;
                return new LiteralExpr(token.Value, token.Line);
            case TokenKind.Operator when token.Text == "(":
            {
                _pos++;
                if (Current.IsOperator(")")) { _pos++; return new ListExpr([], token.Line); }
                var first = ParseExpression();
                if (Current.IsOperator(")")) { _pos++; return first; }
                var items = new List<Expr> { first };
                while (Current.IsOperator(","))
                {
                    _pos++;
                    if (Current.IsOperator(")")) break;
                    items.Add(ParseExpression());
                }
                ExpectOperator(")");
                return new ListExpr(items, token.Line); // a tuple behaves as a list here
            }
            case TokenKind.Operator when token.Text == "[":
            {
                _pos++;
                var items = new List<Expr>();
                while (!Current.IsOperator("]"))
                {
                    items.Add(ParseExpression());
                    if (!Current.IsOperator(",")) break;
                    _pos++;
                }
                ExpectOperator("]");
                return new ListExpr(items, token.Line);
            }
            case TokenKind.Operator when token.Text == "{":
            {
                _pos++;
                var entries = new List<KeyValuePair<Expr, Expr>>();
                while (!Current.IsOperator("}"))
                {
                    var key = ParseExpression();
                    ExpectOperator(":");
                    entries.Add(new(key, ParseExpression()));
                    if (!Current.IsOperator(",")) break;
                    _pos++;
                }
                ExpectOperator("}");
                return new DictExpr(entries, token.Line);
            }
            default:
                throw Error(token.Kind == TokenKind.End ? "the expression is missing or ends too early" : $"unexpected {token}");
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            if (Current.IsOperator("."))
            {
                int line = Next().Line;
                if (Current.Kind == TokenKind.Integer) // 'x.0' is Jinja for x[0]
                    node = new IndexExpr(node, new LiteralExpr(Next().Value, line), line);
                else node = new AttributeExpr(node, ExpectName(), line);
            }
            else if (Current.IsOperator("["))
            {
                node = ParseSubscript(node);
            }
            else if (Current.IsOperator("("))
            {
                int line = Current.Line;
                var (args, kwargs) = ParseCallArguments();
                node = new CallExpr(node, args, kwargs, line);
            }
            else return node;
        }
    }

    private Expr ParseSubscript(Expr target)
    {
        int line = Next().Line; // '['
        Expr? start = null, stop = null, step = null;
        if (!Current.IsOperator(":")) start = ParseExpression();
        if (Current.IsOperator("]"))
        {
            _pos++;
            if (start is null) throw Error("empty subscript '[]'");
            return new IndexExpr(target, start, line);
        }
        ExpectOperator(":");
        if (!Current.IsOperator(":") && !Current.IsOperator("]")) stop = ParseExpression();
        if (Current.IsOperator(":"))
        {
            _pos++;
            if (!Current.IsOperator("]")) step = ParseExpression();
        }
        ExpectOperator("]");
        return new SliceExpr(target, start, stop, step, line);
    }

    private (List<Expr> Args, List<KeyValuePair<string, Expr>> Kwargs) ParseCallArguments()
    {
        ExpectOperator("(");
        var args = new List<Expr>();
        var kwargs = new List<KeyValuePair<string, Expr>>();
        while (!Current.IsOperator(")"))
        {
            if (Current.Kind == TokenKind.Name && _tokens[_pos + 1].IsOperator("="))
            {
                string name = Next().Text;
                _pos++;
                kwargs.Add(new(name, ParseExpression()));
            }
            else
            {
                if (kwargs.Count > 0) throw Error("a positional argument follows a keyword argument");
                args.Add(ParseExpression());
            }
            if (!Current.IsOperator(",")) break;
            _pos++;
        }
        ExpectOperator(")");
        return (args, kwargs);
    }
}
