namespace CondaRecipes.Tasks;

/// <summary>
/// MSBuild's escaping of special characters (<c>%XX</c>): text a task writes into metadata that MSBuild reads
/// as escaped (TaskItem.SetMetadata), and global properties, which a task receives in their escaped form.
/// (Microsoft.Build.Evaluation.ProjectCollection.Escape lives in Microsoft.Build, which a task must not load.)
/// </summary>
internal static class MSBuildEscaping
{
    private const string Special = "%*?@$();'";

    public static string Escape(string value)
    {
        if (value.IndexOfAny(Special.ToCharArray()) < 0)
            return value;
        var sb = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
            sb.Append(Special.Contains(c) ? $"%{(int)c:X2}" : c.ToString());
        return sb.ToString();
    }

    /// <summary>The evaluated value of escaped text: MSBuild's <c>%XX</c> is the notation VariableCodec reads too.</summary>
    public static string Unescape(string value) => CondaRecipes.Recipes.Matrix.VariableCodec.Unescape(value);

    /// <summary>A <c>Properties</c> string for the MSBuild task: <c>A=1;B=2</c> with values escaped.</summary>
    public static string PropertiesString(IEnumerable<KeyValuePair<string, string>> properties) =>
        string.Join(";", properties.Select(p => $"{p.Key}={Escape(p.Value)}"));
}
