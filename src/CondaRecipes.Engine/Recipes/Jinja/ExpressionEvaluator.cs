namespace CondaRecipes.Recipes.Jinja;

/// <summary>Evaluates expressions of the subset with Python/Jinja semantics.</summary>
internal static class ExpressionEvaluator
{
    private static readonly IReadOnlyDictionary<string, object?> NoKwargs = new Dictionary<string, object?>();

    public static object? Evaluate(Expr e, JinjaScope scope)
    {
        switch (e)
        {
            case LiteralExpr l: return l.Value;
            case NameExpr n: return scope.Lookup(n.Name);
            case ListExpr list: return list.Items.Select(i => Evaluate(i, scope)).ToList();
            case DictExpr dict:
            {
                var result = new Dictionary<string, object?>();
                foreach (var kv in dict.Entries)
                    result[JinjaValues.ToStr(Evaluate(kv.Key, scope), e.Line)] = Evaluate(kv.Value, scope);
                return result;
            }
            case AttributeExpr a: return GetAttribute(Evaluate(a.Target, scope), a.Name, a);
            case IndexExpr i: return GetItem(Evaluate(i.Target, scope), Evaluate(i.Index, scope), i);
            case SliceExpr s: return Slice(s, scope);
            case CallExpr c: return Call(c, scope);
            case FilterExpr f:
            {
                var (args, kwargs) = EvaluateArguments(f.Args, f.Kwargs, scope);
                // A dialect (recipe.yaml) may give filters of its own as globals named "filter:<name>".
                if (scope.Lookup(JinjaScope.FilterPrefix + f.Name) is JinjaFunction own)
                    return own.Invoke([Evaluate(f.Target, scope), .. args], kwargs, f.Line);
                return JinjaFilters.Apply(f.Name, Evaluate(f.Target, scope), args, kwargs, f.Line);
            }
            case TestExpr t:
            {
                var target = Evaluate(t.Target, scope);
                var testArgs = t.Args.Select(x => Evaluate(x, scope)).ToList();
                // As for filters, a dialect may give tests of its own as globals named "test:<name>".
                bool result = scope.Lookup(JinjaScope.TestPrefix + t.Name) is JinjaFunction ownTest
                    ? JinjaValues.IsTruthy(ownTest.Invoke([target, .. testArgs], new Dictionary<string, object?>(), t.Line), t.Line)
                    : JinjaTests.Apply(t.Name, target, testArgs, t.Line);
                return t.Negated ? !result : result;
            }
            case UnaryExpr u: return Unary(u, scope);
            case BinaryExpr b: return Binary(b, scope);
            case CompareExpr c: return Compare(c, scope);
            case ConditionalExpr c:
                if (JinjaValues.IsTruthy(Evaluate(c.Condition, scope), c.Line)) return Evaluate(c.Then, scope);
                return c.Else is null ? new JinjaUndefined("(conditional expression without else)") : Evaluate(c.Else, scope);
            default:
                throw new InvalidOperationException($"Unhandled expression node {e.GetType().Name}.");
        }
    }

    private static object? GetAttribute(object? target, string name, AttributeExpr e) => target switch
    {
        JinjaUndefined u => throw JinjaValues.Undefined(u, e.Line),
        JinjaSourcePending p => p,
        Dictionary<string, object?> dict => dict.TryGetValue(name, out var v) ? v : new JinjaUndefined(ExpressionPrinter.Print(e)),
        null or JinjaNone => throw TemplateError.Evaluation(
            $"'{ExpressionPrinter.Print(e.Target)}' is None, so it has no attribute '{name}'.", e.Line),
        _ => new JinjaUndefined(ExpressionPrinter.Print(e)),
    };

    private static object? GetItem(object? target, object? index, IndexExpr e)
    {
        switch (target)
        {
            case JinjaUndefined u: throw JinjaValues.Undefined(u, e.Line);
            case JinjaSourcePending p: return p;
            case JinjaEnviron env:
            {
                string key = JinjaMethods.RequireString(index, "environ[]", e.Line);
                if (env.Variables.TryGetValue(key, out var v)) return v;
                throw new TemplateError(RecipeErrorCodes.EnvironmentVariableNotSet,
                    $"The environment variable {key} is not set ({ExpressionPrinter.Print(e)}).", e.Line,
                    $"Set {key} for the build (e.g. <CondaEnvironment Include=\"{key}\" Value=\"...\" /> in Directory.Build.props), " +
                    $"or use environ.get('{key}', '...') with a default.");
            }
            case Dictionary<string, object?> dict:
                return index is string k && dict.TryGetValue(k, out var value) ? value : new JinjaUndefined(ExpressionPrinter.Print(e));
            case List<object?> list when index is long or bool:
            {
                long i = JinjaValues.ToLong(index);
                if (i < 0) i += list.Count;
                return i >= 0 && i < list.Count ? list[(int)i] : new JinjaUndefined(ExpressionPrinter.Print(e) + " (index out of range)");
            }
            case string s when index is long or bool:
            {
                long i = JinjaValues.ToLong(index);
                if (i < 0) i += s.Length;
                return i >= 0 && i < s.Length ? s[(int)i].ToString() : new JinjaUndefined(ExpressionPrinter.Print(e) + " (index out of range)");
            }
            case null or JinjaNone:
                throw TemplateError.Evaluation($"'{ExpressionPrinter.Print(e.Target)}' is None and cannot be indexed.", e.Line);
            default:
                throw TemplateError.Evaluation(
                    $"A {JinjaValues.TypeName(target)} cannot be indexed by {JinjaValues.TypeName(index)} {JinjaValues.Repr(index)}.", e.Line);
        }
    }

    private static object? Slice(SliceExpr e, JinjaScope scope)
    {
        var target = Evaluate(e.Target, scope);
        long? Bound(Expr? x)
        {
            if (x is null) return null;
            var v = Evaluate(x, scope);
            if (JinjaValues.IsNone(v)) return null;
            if (v is long or bool) return JinjaValues.ToLong(v);
            throw TemplateError.Evaluation($"Slice indices must be integers, not {JinjaValues.TypeName(v)}.", e.Line);
        }
        long? start = Bound(e.Start), stop = Bound(e.Stop), step = Bound(e.Step);
        if (step == 0) throw TemplateError.Evaluation("Slice step cannot be zero.", e.Line);
        switch (target)
        {
            case List<object?> list:
                return SliceIndices(list.Count, start, stop, step ?? 1).Select(i => list[i]).ToList();
            case string s:
                return string.Concat(SliceIndices(s.Length, start, stop, step ?? 1).Select(i => s[i]));
            case JinjaUndefined u: throw JinjaValues.Undefined(u, e.Line);
            default:
                throw TemplateError.Evaluation($"A {JinjaValues.TypeName(target)} cannot be sliced.", e.Line);
        }
    }

    /// <summary>The indices Python's <c>slice(start, stop, step).indices(length)</c> walks.</summary>
    private static IEnumerable<int> SliceIndices(int length, long? start, long? stop, long step)
    {
        long Clamp(long? v, long dflt, long lo, long hi)
        {
            if (v is null) return dflt;
            long x = v.Value < 0 ? v.Value + length : v.Value;
            return Math.Clamp(x, lo, hi);
        }
        if (step > 0)
        {
            long a = Clamp(start, 0, 0, length), b = Clamp(stop, length, 0, length);
            for (long i = a; i < b; i += step) yield return (int)i;
        }
        else
        {
            long a = Clamp(start, length - 1, -1, length - 1), b = Clamp(stop, -1, -1, length - 1);
            for (long i = a; i > b; i += step) yield return (int)i;
        }
    }

    private static object? Call(CallExpr c, JinjaScope scope)
    {
        var (args, kwargs) = EvaluateArguments(c.Args, c.Kwargs, scope);
        if (c.Callee is AttributeExpr attribute)
        {
            var target = Evaluate(attribute.Target, scope);
            // A function stored in a mapping (os.getenv) is called; anything else is a method call.
            if (target is Dictionary<string, object?> dict && dict.TryGetValue(attribute.Name, out var member) && member is JinjaFunction f)
                return f.Invoke(args, kwargs, c.Line);
            return JinjaMethods.Call(target, attribute.Name, args, kwargs, c.Line, ExpressionPrinter.Print(attribute.Target));
        }
        var callee = Evaluate(c.Callee, scope);
        return callee switch
        {
            JinjaFunction function => function.Invoke(args, kwargs, c.Line),
            JinjaUndefined u => throw new TemplateError(RecipeErrorCodes.UndefinedVariable,
                $"'{u.Name}' is undefined, so '{ExpressionPrinter.Print(c)}' cannot be called.", c.Line,
                u.Hint ?? "The renderer knows compiler, stdlib, pin_compatible, pin_subpackage, cdt, load_setup_py_data, load_file_data, load_file_regex and os.getenv."),
            _ => throw TemplateError.Evaluation($"A {JinjaValues.TypeName(callee)} is not callable.", c.Line),
        };
    }

    private static (List<object?> Args, IReadOnlyDictionary<string, object?> Kwargs) EvaluateArguments(
        IReadOnlyList<Expr> args, IReadOnlyList<KeyValuePair<string, Expr>> kwargs, JinjaScope scope)
    {
        var values = new List<object?>(args.Count);
        foreach (var a in args) values.Add(Evaluate(a, scope));
        if (kwargs.Count == 0) return (values, NoKwargs);
        var named = new Dictionary<string, object?>();
        foreach (var kv in kwargs) named[kv.Key] = Evaluate(kv.Value, scope);
        return (values, named);
    }

    private static object? Unary(UnaryExpr u, JinjaScope scope)
    {
        var v = Evaluate(u.Operand, scope);
        if (u.Op == "not") return !JinjaValues.IsTruthy(v, u.Line);
        if (v is JinjaUndefined undefined) throw JinjaValues.Undefined(undefined, u.Line);
        return (u.Op, v) switch
        {
            ("-", double d) => -d,
            ("-", long or bool) => -JinjaValues.ToLong(v),
            ("+", double or long) => v,
            ("+", bool) => JinjaValues.ToLong(v),
            _ => throw TemplateError.Evaluation($"Bad operand {JinjaValues.TypeName(v)} for unary '{u.Op}'.", u.Line),
        };
    }

    private static object? Binary(BinaryExpr b, JinjaScope scope)
    {
        var left = Evaluate(b.Left, scope);
        switch (b.Op)
        {
            case "and": return JinjaValues.IsTruthy(left, b.Line) ? Evaluate(b.Right, scope) : left;
            case "or": return JinjaValues.IsTruthy(left, b.Line) ? left : Evaluate(b.Right, scope);
        }
        var right = Evaluate(b.Right, scope);
        if (b.Op == "~") return JinjaValues.ToStr(left, b.Line) + JinjaValues.ToStr(right, b.Line);
        if (left is JinjaUndefined ul) throw JinjaValues.Undefined(ul, b.Line);
        if (right is JinjaUndefined ur) throw JinjaValues.Undefined(ur, b.Line);
        return Arithmetic.Apply(b.Op, left, right, b.Line);
    }

    private static object? Compare(CompareExpr c, JinjaScope scope)
    {
        var left = Evaluate(c.First, scope);
        foreach (var (op, rightExpr) in c.Rest)
        {
            var right = Evaluate(rightExpr, scope);
            if (op is "==" or "!=" && (left is JinjaUndefined || right is JinjaUndefined))
                throw JinjaValues.Undefined((left as JinjaUndefined ?? right as JinjaUndefined)!, c.Line);
            bool ok = op switch
            {
                "==" => JinjaValues.Equals(left, right),
                "!=" => !JinjaValues.Equals(left, right),
                "in" => JinjaValues.Contains(right, left, c.Line),
                "not in" => !JinjaValues.Contains(right, left, c.Line),
                "<" => JinjaValues.Compare(left, right, op, c.Line) < 0,
                "<=" => JinjaValues.Compare(left, right, op, c.Line) <= 0,
                ">" => JinjaValues.Compare(left, right, op, c.Line) > 0,
                _ => JinjaValues.Compare(left, right, op, c.Line) >= 0,
            };
            if (!ok) return false;
            left = right;
        }
        return true;
    }
}
