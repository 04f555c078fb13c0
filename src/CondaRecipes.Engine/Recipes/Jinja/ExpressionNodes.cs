namespace CondaRecipes.Recipes.Jinja;

/// <summary>An expression of the Jinja subset; <see cref="Line"/> is 1-based in the template.</summary>
internal abstract record Expr(int Line);

internal sealed record LiteralExpr(object? Value, int Line) : Expr(Line);

internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record DictExpr(IReadOnlyList<KeyValuePair<Expr, Expr>> Entries, int Line) : Expr(Line);

internal sealed record NameExpr(string Name, int Line) : Expr(Line);

internal sealed record AttributeExpr(Expr Target, string Name, int Line) : Expr(Line);

internal sealed record IndexExpr(Expr Target, Expr Index, int Line) : Expr(Line);

internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Line) : Expr(Line);

internal sealed record CallExpr(Expr Callee, IReadOnlyList<Expr> Args,
    IReadOnlyList<KeyValuePair<string, Expr>> Kwargs, int Line) : Expr(Line);

internal sealed record FilterExpr(Expr Target, string Name, IReadOnlyList<Expr> Args,
    IReadOnlyList<KeyValuePair<string, Expr>> Kwargs, int Line) : Expr(Line);

/// <summary><c>x is defined</c>, <c>x is not none</c>, ...</summary>
internal sealed record TestExpr(Expr Target, string Name, bool Negated, IReadOnlyList<Expr> Args, int Line) : Expr(Line);

/// <summary><c>not</c>, unary <c>-</c> and <c>+</c>.</summary>
internal sealed record UnaryExpr(string Op, Expr Operand, int Line) : Expr(Line);

/// <summary>Arithmetic, <c>~</c>, <c>and</c>, <c>or</c>.</summary>
internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Line) : Expr(Line);

/// <summary>A comparison chain: <c>a &lt; b &lt;= c</c>, <c>x in y</c>, <c>x not in y</c>.</summary>
internal sealed record CompareExpr(Expr First, IReadOnlyList<KeyValuePair<string, Expr>> Rest, int Line) : Expr(Line);

/// <summary><c>a if cond else b</c>.</summary>
internal sealed record ConditionalExpr(Expr Then, Expr Condition, Expr? Else, int Line) : Expr(Line);
