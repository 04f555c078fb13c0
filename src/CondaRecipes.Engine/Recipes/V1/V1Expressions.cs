using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Evaluates the <c>${{ … }}</c> expressions of one recipe.yaml scalar and the conditions of <c>if:</c> items
/// with the project's Jinja expression engine. A scalar that is one expression keeps the value's kind (a
/// falsy inline conditional without <c>else</c> gives null, which drops the list item or key, as rattler-build
/// does); expressions inside text are printed into it.
/// </summary>
internal sealed class V1Expressions(JinjaScope scope, string file)
{
    private const string Open = "${{";
    private const string Close = "}}";

    public JinjaScope Scope => scope;

    /// <summary>True when the text holds an expression.</summary>
    public static bool HasExpression(string? text) => text is not null && text.Contains(Open, StringComparison.Ordinal);

    /// <summary>The expressions of a text, as written between <c>${{</c> and <c>}}</c>.</summary>
    public static IEnumerable<(string Expression, int Offset)> Find(string text, string file, int line)
    {
        int i = 0;
        while ((i = text.IndexOf(Open, i, StringComparison.Ordinal)) >= 0)
        {
            int start = i + Open.Length;
            int end = FindClose(text, start);
            if (end < 0)
                throw new CondaRecipesException(V1ErrorCodes.ExpressionFailed,
                    $"The expression starting '{Excerpt(text[i..])}' has no closing '}}}}'.", file, line,
                    "Close every ${{ with }}, e.g. ${{ version }}.");
            yield return (text[start..end], i);
            i = end + Close.Length;
        }
    }

    /// <summary>The scalar's value: a string, a bool, a number, or null when it renders to nothing.</summary>
    public object? Evaluate(string text, int line)
    {
        var found = Find(text, file, line).ToList();
        if (found.Count == 0) return text;
        var (first, offset) = found[0];
        if (found.Count == 1 && offset == 0 && text.TrimEnd().Length == Open.Length + first.Length + Close.Length)
            return EvaluateValue(first, line);
        var sb = new System.Text.StringBuilder();
        int pos = 0;
        foreach (var (expression, at) in found)
        {
            sb.Append(text, pos, at - pos);
            sb.Append(ToText(EvaluateValue(expression, line), line));
            pos = at + Open.Length + expression.Length + Close.Length;
        }
        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    /// <summary>The condition of an <c>if:</c> (a bare expression, no <c>${{ }}</c>) or a <c>skip:</c> entry.</summary>
    public bool Condition(string text, int line)
    {
        string expression = text.Trim();
        if (expression.StartsWith(Open, StringComparison.Ordinal) && expression.EndsWith(Close, StringComparison.Ordinal))
            expression = expression[Open.Length..^Close.Length];
        var value = EvaluateExpression(expression, line);
        try
        {
            return JinjaValues.IsTruthy(value, line);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, expression, line);
        }
    }

    private object? EvaluateValue(string expression, int line)
    {
        var value = EvaluateExpression(expression, line);
        try
        {
            return Normalize(value, line);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, expression, line);
        }
    }

    /// <summary>Evaluates one expression text.</summary>
    public object? EvaluateExpression(string expression, int line)
    {
        try
        {
            var parsed = ExpressionParser.ParseAll(expression, line);
            return ExpressionEvaluator.Evaluate(parsed, scope);
        }
        catch (TemplateError e)
        {
            throw Wrap(e, expression, line);
        }
    }

    /// <summary>The text a value prints as in recipe.yaml (rattler-build prints booleans as true/false).</summary>
    public static string ToText(object? value, int line) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        _ => JinjaValues.ToStr(value, line),
    };

    private static object? Normalize(object? value, int line) => value switch
    {
        JinjaUndefined { Name: "(conditional expression without else)" } => null,
        JinjaNone { EnvironmentVariable: null } => null,
        string { Length: 0 } => null,
        JinjaUndefined u => throw JinjaValues.Undefined(u, line),
        _ => value,
    };

    private CondaRecipesException Wrap(TemplateError e, string expression, int line)
    {
        // The engine's own codes (an unset environment variable, a pin argument) say more than a generic one.
        return Coded(e, $"In '${{{{{expression}}}}}': {e.Message}", file, line);
    }

    /// <summary>The recipe.yaml code for a Jinja-layer error: generic evaluation and syntax errors are CR1401, an
    /// undefined name CR1410; the engine's own codes (an unset environment variable) are kept.</summary>
    public static CondaRecipesException Coded(TemplateError e, string message, string file, int line)
    {
        string code = e.Code == RecipeErrorCodes.JinjaEvaluation || e.Code == RecipeErrorCodes.JinjaSyntax ? V1ErrorCodes.ExpressionFailed
            : e.Code == RecipeErrorCodes.UndefinedVariable ? V1ErrorCodes.VariableUndefined
            : e.Code;
        string hint = code == V1ErrorCodes.VariableUndefined
            ? "Define it under context:, or give it a value in variants.yaml beside the recipe, a variant config file or a CondaVariant item (a file named otherwise, e.g. variant_config.yaml, is not read)."
            : e.Hint ?? "Check the expression; recipe.yaml expressions see the context: values, the variant variables and rattler-build's functions.";
        return new CondaRecipesException(code, message, file, line, hint, e);
    }

    private static int FindClose(string text, int start)
    {
        char quote = '\0';
        for (int i = start; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '}' && text[i + 1] == '}') return i;
        }
        return -1;
    }

    private static string Excerpt(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
