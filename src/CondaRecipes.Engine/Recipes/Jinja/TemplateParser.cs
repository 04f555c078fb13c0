namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Turns lexed segments into a tree of <see cref="TemplateNode"/>s: matches <c>if/elif/else/endif</c>
/// and <c>for/else/endfor</c>, parses <c>set</c> and every expression. Errors name the tag's line.
/// </summary>
internal sealed class TemplateParser
{
    private readonly List<TemplateSegment> _segments;
    private int _pos;

    private TemplateParser(List<TemplateSegment> segments) => _segments = segments;

    public static IReadOnlyList<TemplateNode> Parse(string text)
    {
        var parser = new TemplateParser(TemplateLexer.Lex(text));
        var (body, end) = parser.ParseBody();
        if (end is not null)
            throw TemplateError.Syntax($"'{{% {end.Value.Keyword} %}}' has no matching opening tag.", end.Value.Line,
                $"Remove the stray '{end.Value.Keyword}' or add the block that it closes.");
        return body;
    }

    private readonly record struct BlockEnd(string Keyword, ExpressionParser Parser, int Line);

    /// <summary>Parses nodes until the end of input or a block keyword (elif, else, endif, endfor).</summary>
    private (List<TemplateNode> Body, BlockEnd? End) ParseBody()
    {
        var body = new List<TemplateNode>();
        while (_pos < _segments.Count)
        {
            var segment = _segments[_pos++];
            switch (segment.Kind)
            {
                case SegmentKind.Text:
                    body.Add(new TextNode(segment.Content, segment.Line));
                    break;
                case SegmentKind.Comment:
                    break;
                case SegmentKind.Output:
                    body.Add(new OutputNode(ExpressionParser.ParseAll(segment.Content, segment.Line), segment.Line));
                    break;
                case SegmentKind.Statement:
                {
                    var parser = new ExpressionParser(ExpressionTokenizer.Tokenize(segment.Content, segment.Line), segment.Content);
                    if (parser.Current.Kind != TokenKind.Name)
                        throw TemplateError.Syntax($"'{{%{segment.Content}%}}' does not start with a statement name.", segment.Line);
                    string keyword = parser.Next().Text;
                    switch (keyword)
                    {
                        case "set": body.Add(ParseSet(parser, segment.Line)); break;
                        case "if": body.Add(ParseIf(parser, segment.Line)); break;
                        case "for": body.Add(ParseFor(parser, segment.Line)); break;
                        case "import": body.Add(ParseImport(parser, segment.Line)); break;
                        case "elif" or "else" or "endif" or "endfor":
                            return (body, new BlockEnd(keyword, parser, segment.Line));
                        default:
                            throw TemplateError.Syntax($"Unsupported Jinja statement '{{% {keyword} %}}'.", segment.Line,
                                "The renderer supports set, import … as, if/elif/else/endif and for/else/endfor.");
                    }
                    break;
                }
            }
        }
        return (body, null);
    }

    private static ImportNode ParseImport(ExpressionParser parser, int line)
    {
        var template = parser.ParseExpression();
        if (!parser.Current.IsName("as")) throw parser.Error("expected 'as' after the imported template's name");
        parser.Next();
        string alias = parser.ExpectName();
        parser.ExpectEnd();
        return new ImportNode(template, alias, line);
    }

    private static SetNode ParseSet(ExpressionParser parser, int line)
    {
        var targets = ParseTargets(parser);
        parser.ExpectOperator("=");
        var value = parser.ParseExpression();
        parser.ExpectEnd();
        return new SetNode(targets, value, line);
    }

    private static List<string> ParseTargets(ExpressionParser parser)
    {
        var targets = new List<string> { parser.ExpectName() };
        while (parser.Current.IsOperator(","))
        {
            parser.Next();
            targets.Add(parser.ExpectName());
        }
        return targets;
    }

    private IfNode ParseIf(ExpressionParser parser, int line)
    {
        var branches = new List<IfBranch>();
        var condition = parser.ParseExpression();
        parser.ExpectEnd();
        while (true)
        {
            var (body, end) = ParseBody();
            branches.Add(new IfBranch(condition, body));
            if (end is null)
                throw TemplateError.Syntax("'{% if %}' is never closed by '{% endif %}'.", line,
                    "Add '{% endif %}' after the block.");
            var e = end.Value;
            switch (e.Keyword)
            {
                case "elif":
                    condition = e.Parser.ParseExpression();
                    e.Parser.ExpectEnd();
                    continue;
                case "else":
                {
                    e.Parser.ExpectEnd();
                    var (elseBody, elseEnd) = ParseBody();
                    if (elseEnd is null || elseEnd.Value.Keyword != "endif")
                        throw TemplateError.Syntax("'{% if %}' is never closed by '{% endif %}'.", line,
                            "Add '{% endif %}' after the else block.");
                    return new IfNode(branches, elseBody, line);
                }
                case "endif":
                    e.Parser.ExpectEnd();
                    return new IfNode(branches, null, line);
                default:
                    throw TemplateError.Syntax($"'{{% {e.Keyword} %}}' closes a block that is not open: '{{% if %}}' of line {line} needs '{{% endif %}}' first.", e.Line);
            }
        }
    }

    private ForNode ParseFor(ExpressionParser parser, int line)
    {
        var targets = ParseTargets(parser);
        if (!parser.Current.IsName("in")) throw parser.Error("expected 'in' after the loop variable");
        parser.Next();
        var iterable = parser.ParseExpression(allowConditional: false);
        Expr? filter = null;
        if (parser.Current.IsName("if"))
        {
            parser.Next();
            filter = parser.ParseExpression(allowConditional: false);
        }
        parser.ExpectEnd();
        var (body, end) = ParseBody();
        if (end is null)
            throw TemplateError.Syntax("'{% for %}' is never closed by '{% endfor %}'.", line, "Add '{% endfor %}' after the loop body.");
        List<TemplateNode>? elseBody = null;
        if (end.Value.Keyword == "else")
        {
            end.Value.Parser.ExpectEnd();
            (elseBody, end) = ParseBody();
        }
        if (end is null || end.Value.Keyword != "endfor")
            throw TemplateError.Syntax(end is null
                    ? "'{% for %}' is never closed by '{% endfor %}'."
                    : $"'{{% {end.Value.Keyword} %}}' inside '{{% for %}}' of line {line}, which needs '{{% endfor %}}' first.",
                end?.Line ?? line, "Add '{% endfor %}' after the loop body.");
        end.Value.Parser.ExpectEnd();
        return new ForNode(targets, iterable, filter, body, elseBody, line);
    }
}
