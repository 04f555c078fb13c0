namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// A failure inside the Jinja layer, which does not know which file it is working on. The recipe
/// renderer turns it into a <see cref="CondaRecipes.Diagnostics.CondaRecipesException"/> naming the file.
/// </summary>
internal sealed class TemplateError : Exception
{
    public TemplateError(string code, string message, int line, string? hint = null) : base(message)
    {
        Code = code;
        Line = line;
        Hint = hint;
    }

    public string Code { get; }

    /// <summary>1-based line of the template; 0 when unknown.</summary>
    public int Line { get; }

    public string? Hint { get; }

    public static TemplateError Syntax(string message, int line, string? hint = null) =>
        new(RecipeErrorCodes.JinjaSyntax, message, line,
            hint ?? "Fix the Jinja syntax; the renderer supports {{ expr }}, {% set %}, {% if %}, {% for %} and {# #}.");

    public static TemplateError Evaluation(string message, int line, string? hint = null) =>
        new(RecipeErrorCodes.JinjaEvaluation, message, line,
            hint ?? "Check the values the expression works on; the renderer follows Python and Jinja semantics.");
}
