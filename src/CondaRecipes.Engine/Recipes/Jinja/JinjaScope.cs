namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Variables visible to an expression: the template's own (<c>set</c>, loop variables) over the globals.
/// A <c>for</c> body gets a child scope so that its <c>set</c> does not leak out, as in Jinja.
/// </summary>
internal sealed class JinjaScope
{
    /// <summary>Globals named with this prefix are filters (<c>filter:split</c> for <c>| split</c>), taken before the built-in ones.</summary>
    public const string FilterPrefix = "filter:";

    /// <summary>Globals named with this prefix are tests (<c>test:startingwith</c> for <c>is startingwith</c>), taken before the built-in ones.</summary>
    public const string TestPrefix = "test:";

    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);
    private readonly JinjaScope? _parent;
    private readonly Func<string, object?>? _fallback;

    /// <param name="fallback">Resolves names not set anywhere; returns a <see cref="JinjaUndefined"/> for unknown ones.</param>
    public JinjaScope(Func<string, object?> fallback) => _fallback = fallback;

    private JinjaScope(JinjaScope parent) => _parent = parent;

    public JinjaScope CreateChild() => new(this);

    public void Set(string name, object? value) => _variables[name] = value;

    /// <summary>The variables set in this scope itself (not its parents'): what an imported template exports.</summary>
    public Dictionary<string, object?> OwnVariables() => new(_variables, StringComparer.Ordinal);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables.TryGetValue(name, out var value)) return value;
            if (scope._fallback is not null) return scope._fallback(name);
        }
        return new JinjaUndefined(name);
    }
}
