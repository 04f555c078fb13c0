namespace CondaRecipes.Recipes.Jinja;

internal enum TokenKind { Name, String, Integer, Float, Operator, End }

/// <summary>A token of a Jinja (or selector) expression; <see cref="Line"/> is 1-based in the template.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Line, object? Value = null)
{
    public bool IsOperator(string op) => Kind == TokenKind.Operator && Text == op;
    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    public override string ToString() => Kind == TokenKind.End ? "end of expression" : $"'{Text}'";
}
