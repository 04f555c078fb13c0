namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// A template parsed once, with what a static walk finds in it: every name it refers to (taken
/// branches or not, as conda-build's text search would see them) and the environment variables it
/// reads with a constant key (<c>environ.get('X')</c>, <c>environ['X']</c>, <c>os.getenv('X')</c>).
/// </summary>
internal sealed class ParsedTemplate
{
    /// <param name="choose">For a dialect that counts only what evaluation reads (recipe.yaml): which branch of a
    /// <c>x if c else y</c> is taken (true: then, false: else, null: both count).</param>
    public ParsedTemplate(IReadOnlyList<TemplateNode> nodes, Func<ConditionalExpr, bool?>? choose = null)
    {
        Nodes = nodes;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var environKeys = new HashSet<string>(StringComparer.Ordinal);
        var calls = new HashSet<string>(StringComparer.Ordinal);
        var walker = new NameWalker(names, environKeys, calls, choose);
        walker.Walk(nodes);
        ReferencedNames = names;
        EnvironmentKeys = environKeys;
        CalledFunctions = calls;
    }

    public IReadOnlyList<TemplateNode> Nodes { get; }

    public IReadOnlySet<string> ReferencedNames { get; }

    public IReadOnlySet<string> EnvironmentKeys { get; }

    /// <summary>Called global functions with their first constant argument, e.g. <c>compiler('c')</c>.</summary>
    public IReadOnlySet<string> CalledFunctions { get; }

    public static ParsedTemplate Parse(string text) => new(TemplateParser.Parse(text));

    private sealed class NameWalker(HashSet<string> names, HashSet<string> environKeys, HashSet<string> calls,
        Func<ConditionalExpr, bool?>? choose)
    {
        public void Walk(IReadOnlyList<TemplateNode> nodes)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case OutputNode o: Walk(o.Value); break;
                    case SetNode s: Walk(s.Value); break;
                    case ImportNode im: Walk(im.Template); break;
                    case IfNode i:
                        foreach (var b in i.Branches) { Walk(b.Condition); Walk(b.Body); }
                        if (i.Else is not null) Walk(i.Else);
                        break;
                    case ForNode f:
                        Walk(f.Iterable);
                        if (f.Filter is not null) Walk(f.Filter);
                        Walk(f.Body);
                        if (f.Else is not null) Walk(f.Else);
                        break;
                }
            }
        }

        private void Walk(Expr? e)
        {
            switch (e)
            {
                case null or LiteralExpr: return;
                case NameExpr n: names.Add(n.Name); return;
                case ListExpr l: foreach (var i in l.Items) Walk(i); return;
                case DictExpr d: foreach (var kv in d.Entries) { Walk(kv.Key); Walk(kv.Value); } return;
                case AttributeExpr a: Walk(a.Target); return;
                case IndexExpr i:
                    if (IsEnviron(i.Target) && i.Index is LiteralExpr { Value: string key }) environKeys.Add(key);
                    Walk(i.Target); Walk(i.Index); return;
                case SliceExpr s: Walk(s.Target); Walk(s.Start); Walk(s.Stop); Walk(s.Step); return;
                case CallExpr c:
                    if (c.Args.Count > 0 && c.Args[0] is LiteralExpr { Value: string arg })
                    {
                        if (c.Callee is AttributeExpr { Name: "get" } g && IsEnviron(g.Target)) environKeys.Add(arg);
                        if (c.Callee is AttributeExpr { Name: "getenv", Target: NameExpr { Name: "os" } }) environKeys.Add(arg);
                        if (c.Callee is NameExpr fn) calls.Add($"{fn.Name}('{arg}')");
                    }
                    Walk(c.Callee);
                    foreach (var a in c.Args) Walk(a);
                    foreach (var kv in c.Kwargs) Walk(kv.Value);
                    return;
                case FilterExpr f: Walk(f.Target); foreach (var a in f.Args) Walk(a); foreach (var kv in f.Kwargs) Walk(kv.Value); return;
                case TestExpr t: Walk(t.Target); foreach (var a in t.Args) Walk(a); return;
                case UnaryExpr u: Walk(u.Operand); return;
                case BinaryExpr b: Walk(b.Left); Walk(b.Right); return;
                case CompareExpr c: Walk(c.First); foreach (var kv in c.Rest) Walk(kv.Value); return;
                case ConditionalExpr c:
                {
                    bool? taken = choose?.Invoke(c);
                    if (taken != false) Walk(c.Then);
                    Walk(c.Condition);
                    if (taken != true) Walk(c.Else);
                    return;
                }
            }
        }

        private static bool IsEnviron(Expr e) =>
            e is NameExpr { Name: "environ" } || e is AttributeExpr { Name: "environ", Target: NameExpr { Name: "os" } };
    }
}
