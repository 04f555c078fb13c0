namespace CondaRecipes.Recipes.V1;

/// <summary>
/// The <c>tests:</c> list of one output of a <c>recipe.yaml</c>, rendered for the variant (expressions
/// evaluated, <c>if/then/else</c> resolved) but not interpreted: the test stage reads the kinds
/// (<c>python</c>, <c>script</c>, <c>package_contents</c>, <c>downstream</c>) from <see cref="Node"/>.
/// </summary>
/// <param name="Node">The rendered list; every item is normally a mapping with one kind key.</param>
/// <param name="File">The recipe.yaml the list was read from.</param>
/// <param name="Line">The line of the <c>tests:</c> key.</param>
public sealed record V1TestsNode(V1Sequence Node, string File, int Line);
