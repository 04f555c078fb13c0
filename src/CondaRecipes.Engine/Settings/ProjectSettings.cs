namespace CondaRecipes.Settings;

/// <summary>
/// The values a recipe project's properties and items hold, as the build evaluated them, before anything
/// reads them. Properties are keyed by their MSBuild name (<c>CondaSubdir</c>); a property absent from the
/// map is not checked.
/// </summary>
public sealed record ProjectSettings
{
    public required string ProjectFile { get; init; }
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
    /// <summary><c>CondaEnvironment</c> item names (each becomes an exported variable).</summary>
    public IReadOnlyList<string> EnvironmentNames { get; init; } = [];
    /// <summary><c>CondaPython</c> item values.</summary>
    public IReadOnlyList<string> Pythons { get; init; } = [];
    /// <summary><c>CondaModule</c> item values (loaded with <c>module load</c>).</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];
    /// <summary><c>CondaChannel</c> item values: folders, file:// or http(s) URLs, or channel names.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
    /// <summary>CondaOutputDir: the channel packages are published to, which may not exist before the first package.</summary>
    public string? OutputDir { get; init; }
    /// <summary>The build's environment (for the PBS account taken from <c>PBS_ACCOUNT*</c>).</summary>
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;
    public string HostName { get; init; } = Environment.MachineName;
}
