namespace CondaRecipes.Recipes.Jinja;

/// <summary>Python's <c>+ - * / // % **</c> on ints, floats, strings and lists.</summary>
internal static class Arithmetic
{
    public static object? Apply(string op, object? left, object? right, int line)
    {
        if (left is JinjaSourcePending || right is JinjaSourcePending) return JinjaSourcePending.Instance;
        if (JinjaValues.IsNumber(left) && JinjaValues.IsNumber(right))
            return left is double || right is double || op == "/"
                ? Floats(op, JinjaValues.ToDouble(left), JinjaValues.ToDouble(right), line)
                : Integers(op, JinjaValues.ToLong(left), JinjaValues.ToLong(right), line);
        switch (op, left, right)
        {
            case ("+", string a, string b): return a + b;
            case ("+", List<object?> a, List<object?> b): return a.Concat(b).ToList();
            case ("*", string s, long or bool): return Repeat(s, JinjaValues.ToLong(right));
            case ("*", long or bool, string s): return Repeat(s, JinjaValues.ToLong(left));
        }
        string hint = left is JinjaNone || right is JinjaNone
            ? "One side is None; check the variable has a value."
            : "Use '~' to join values as text, or |int / |float to make numbers.";
        throw TemplateError.Evaluation(
            $"Unsupported operand types for '{op}': {JinjaValues.TypeName(left)} {JinjaValues.Repr(left)} and " +
            $"{JinjaValues.TypeName(right)} {JinjaValues.Repr(right)}.", line, hint);
    }

    private static string Repeat(string s, long n) => n <= 0 ? "" : string.Concat(Enumerable.Repeat(s, (int)n));

    private static object Integers(string op, long a, long b, int line)
    {
        switch (op)
        {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "**": return b >= 0 ? (object)(long)Math.Pow(a, b) : Math.Pow(a, b);
        }
        if (b == 0) throw TemplateError.Evaluation($"Division by zero in '{a} {op} {b}'.", line);
        long q = a / b, r = a % b;
        if (r != 0 && (r < 0) != (b < 0)) { q--; r += b; } // Python floors
        return op == "//" ? q : r;
    }

    private static object Floats(string op, double a, double b, int line)
    {
        switch (op)
        {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "**": return Math.Pow(a, b);
        }
        if (b == 0) throw TemplateError.Evaluation($"Division by zero in '{a} {op} {b}'.", line);
        return op switch
        {
            "/" => a / b,
            "//" => Math.Floor(a / b),
            _ => a - Math.Floor(a / b) * b,
        };
    }
}
