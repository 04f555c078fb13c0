using System.Text;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>Prints an expression back in source form for error messages, e.g. <c>environ.get('X')</c>.</summary>
internal static class ExpressionPrinter
{
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case LiteralExpr l: sb.Append(JinjaValues.Repr(l.Value)); break;
            case NameExpr n: sb.Append(n.Name); break;
            case AttributeExpr a: Write(sb, a.Target); sb.Append('.').Append(a.Name); break;
            case IndexExpr i: Write(sb, i.Target); sb.Append('['); Write(sb, i.Index); sb.Append(']'); break;
            case SliceExpr s:
                Write(sb, s.Target); sb.Append('[');
                if (s.Start is not null) Write(sb, s.Start);
                sb.Append(':');
                if (s.Stop is not null) Write(sb, s.Stop);
                if (s.Step is not null) { sb.Append(':'); Write(sb, s.Step); }
                sb.Append(']');
                break;
            case CallExpr c:
                Write(sb, c.Callee); sb.Append('(');
                WriteArgs(sb, c.Args, c.Kwargs);
                sb.Append(')');
                break;
            case FilterExpr f:
                Write(sb, f.Target); sb.Append('|').Append(f.Name);
                if (f.Args.Count + f.Kwargs.Count > 0) { sb.Append('('); WriteArgs(sb, f.Args, f.Kwargs); sb.Append(')'); }
                break;
            case ListExpr list:
                sb.Append('[');
                for (int k = 0; k < list.Items.Count; k++) { if (k > 0) sb.Append(", "); Write(sb, list.Items[k]); }
                sb.Append(']');
                break;
            case BinaryExpr b: Write(sb, b.Left); sb.Append(' ').Append(b.Op).Append(' '); Write(sb, b.Right); break;
            case UnaryExpr u: sb.Append(u.Op == "not" ? "not " : u.Op); Write(sb, u.Operand); break;
            default: sb.Append("<expression>"); break;
        }
    }

    private static void WriteArgs(StringBuilder sb, IReadOnlyList<Expr> args, IReadOnlyList<KeyValuePair<string, Expr>> kwargs)
    {
        bool first = true;
        foreach (var a in args) { if (!first) sb.Append(", "); Write(sb, a); first = false; }
        foreach (var kv in kwargs) { if (!first) sb.Append(", "); sb.Append(kv.Key).Append('='); Write(sb, kv.Value); first = false; }
    }
}
