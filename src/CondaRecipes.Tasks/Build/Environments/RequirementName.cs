namespace CondaRecipes.Build.Environments;

/// <summary>Splits a requirement string (<c>mpich 3.4.* external_*</c>, <c>numpy>=1.24</c>) into name and rest.</summary>
public static class RequirementName
{
    public static (string Name, string Constraint) Split(string spec)
    {
        var s = spec.Trim();
        var channelSep = s.IndexOf("::", StringComparison.Ordinal);
        if (channelSep >= 0) s = s[(channelSep + 2)..];
        var end = s.IndexOfAny([' ', '=', '<', '>', '!', '~', '[']);
        return end < 0 ? (s, "") : (s[..end], s[end..].Trim());
    }
}
