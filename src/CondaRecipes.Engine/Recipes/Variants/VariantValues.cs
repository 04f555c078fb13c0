namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// conda-build's variant dictionary for one variant: its variables plus what conda-build's variant always
/// holds, <c>python</c> and <c>target_platform</c> (a variable of the same name wins). Jinja's
/// <c>pin_compatible</c>/<c>compiler</c>, the used-variable hash and the run pins all read this one.
/// </summary>
public static class VariantValues
{
    public static Dictionary<string, string> WithDefaults(IReadOnlyDictionary<string, string> variables, string? pythonVersion, string subdir)
    {
        var variant = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        if (pythonVersion is { } py) variant.TryAdd("python", py);
        variant.TryAdd("target_platform", subdir);
        return variant;
    }
}
