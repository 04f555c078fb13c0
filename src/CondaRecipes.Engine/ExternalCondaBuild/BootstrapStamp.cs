using System.Text.Json;
using CondaRecipes.Files;

namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// The record left inside a bootstrapped environment: which environment file (by sha256) and which tool
/// created it. A matching stamp means the environment is current; it is written only after creation
/// succeeded, so a half-created environment has none and is recreated.
/// </summary>
public sealed record BootstrapStamp(string EnvironmentFileSha256, string Tool, string ToolPath, DateTimeOffset CreatedUtc)
{
    /// <summary>The stamp's file name inside the environment directory.</summary>
    public const string FileName = ".condarecipes-bootstrap.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathIn(string environmentDirectory) => Path.Combine(environmentDirectory, FileName);

    /// <summary>The stamp of an environment, or null when missing or unreadable (then the environment is recreated).</summary>
    public static BootstrapStamp? TryRead(string environmentDirectory)
    {
        var path = PathIn(environmentDirectory);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BootstrapStamp>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the stamp via a temporary file and a rename, so a crash never leaves a partial stamp.</summary>
    public void Write(string environmentDirectory)
    {
        AtomicFile.WriteAllText(PathIn(environmentDirectory), JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Lower-case hex sha256 of a file's bytes.</summary>
    public static string Sha256Of(string file) => FileHasher.Sha256(file);
}
