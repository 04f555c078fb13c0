namespace CondaRecipes.Recipes.Jinja;

internal enum SegmentKind { Text, Output, Statement, Comment }

/// <summary>
/// One piece of a template as the lexer cuts it: literal text, or the inside of a <c>{{ }}</c>,
/// <c>{% %}</c> or <c>{# #}</c> tag (delimiters and whitespace-control dashes removed).
/// </summary>
/// <param name="Line">1-based template line where <see cref="Content"/> starts.</param>
internal sealed record TemplateSegment(SegmentKind Kind, string Content, int Line);
