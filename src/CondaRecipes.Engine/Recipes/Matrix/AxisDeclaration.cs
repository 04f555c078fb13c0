namespace CondaRecipes.Recipes.Matrix;

/// <summary>
/// A matrix variable as the project declares it (a <c>CondaVariant</c> or the <c>CondaPython</c> items):
/// its values, the variable it moves together with (<c>ZipWith</c>), the command-line property that narrows
/// it, and where it was declared.
/// </summary>
public sealed record AxisDeclaration(
    string Variable,
    IReadOnlyList<string> Values,
    string? ZipWith = null,
    string? OverrideProperty = null,
    string? DeclaredIn = null,
    int Line = 0);
