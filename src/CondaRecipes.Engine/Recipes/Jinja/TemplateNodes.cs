namespace CondaRecipes.Recipes.Jinja;

/// <summary>A node of a parsed template; <see cref="Line"/> is 1-based in the template.</summary>
internal abstract record TemplateNode(int Line);

internal sealed record TextNode(string Text, int Line) : TemplateNode(Line);

/// <summary><c>{{ expr }}</c>.</summary>
internal sealed record OutputNode(Expr Value, int Line) : TemplateNode(Line);

/// <summary><c>{% set a = expr %}</c> or <c>{% set a, b = expr %}</c>.</summary>
internal sealed record SetNode(IReadOnlyList<string> Targets, Expr Value, int Line) : TemplateNode(Line);

internal sealed record IfBranch(Expr Condition, IReadOnlyList<TemplateNode> Body);

/// <summary><c>{% if %}…{% elif %}…{% else %}…{% endif %}</c>.</summary>
internal sealed record IfNode(IReadOnlyList<IfBranch> Branches, IReadOnlyList<TemplateNode>? Else, int Line)
    : TemplateNode(Line);

/// <summary><c>{% for a in expr [if cond] %}…{% else %}…{% endfor %}</c>.</summary>
internal sealed record ForNode(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter,
    IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode>? Else, int Line) : TemplateNode(Line);

/// <summary><c>{% import 'file' as name %}</c>: a template of the recipe folder whose top-level variables
/// become the attributes of <c>name</c>.</summary>
internal sealed record ImportNode(Expr Template, string Alias, int Line) : TemplateNode(Line);
