namespace CondaRecipes.Recipes;

/// <summary>
/// conda-build's rules for the characters of a package's name, version and build string (its
/// <c>check_bad_chrs</c>, and a name must be lower-case): conda splits file names on '-' and reads the
/// others as match-spec operators. Checked when the recipe is rendered (so Plan reports them too) and again
/// on the metadata written into a package.
/// </summary>
public static class PackageNameRules
{
    private const string AlwaysBad = "=@#$%^&*:;\"'\\|<>?/ ";

    public enum Field { Name, Version, BuildString }

    /// <summary>Why <paramref name="value"/> is not allowed in <paramref name="field"/>, or null when it is.</summary>
    public static string? Problem(Field field, string value)
    {
        var bad = AlwaysBad + (field == Field.Version ? "-" : field == Field.BuildString ? "-!" : "!");
        var found = value.Where(c => bad.Contains(c) || char.IsWhiteSpace(c) || char.IsControl(c)).Distinct().Order().ToArray();
        if (found.Length > 0)
            return $"it holds {string.Join(" ", found.Select(Show))}, which conda does not allow in a {Describe(field)} " +
                   $"(not allowed: {Show(' ')} and {string.Join("", bad.Where(c => c != ' '))})";
        if (field == Field.Name && value != value.ToLowerInvariant())
            return "a package name must be lower-case";
        if (field == Field.Version && value.StartsWith('.'))
            return "a version cannot start with '.'";
        return null;
    }

    public static string Describe(Field field) => field switch
    {
        Field.Name => "package name",
        Field.Version => "version",
        _ => "build string",
    };

    private static string Show(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        _ when char.IsWhiteSpace(c) || char.IsControl(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
