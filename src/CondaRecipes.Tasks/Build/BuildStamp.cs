using System.Text.Json;
using System.Text.Json.Serialization;

namespace CondaRecipes.Build;

/// <summary>
/// The record a successful variant build leaves behind: which package it produced, from which inputs.
/// A variant is up to date when its package is still there, unchanged, and its inputs hash is the same.
/// </summary>
public sealed record BuildStamp(
    [property: JsonPropertyName("package")] string Package,
    [property: JsonPropertyName("inputs")] string InputsHash,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("mtime")] long MTimeTicks)
{
    public static string PathFor(string workDir, string recipeName, string variantId) =>
        Path.Combine(workDir, recipeName, "stamps", variantId + ".json");

    public static BuildStamp? Read(string stampPath)
    {
        try
        {
            return File.Exists(stampPath) ? JsonSerializer.Deserialize<BuildStamp>(File.ReadAllText(stampPath)) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged stamp only means "rebuild"
        }
    }

    /// <summary>Stamps <paramref name="packagePath"/> as built from <paramref name="inputsHash"/>.</summary>
    public static void Write(string stampPath, string packagePath, string inputsHash)
    {
        var info = new FileInfo(packagePath);
        var stamp = new BuildStamp(Path.GetFullPath(packagePath), inputsHash, info.Length, info.LastWriteTimeUtc.Ticks);
        Directory.CreateDirectory(Path.GetDirectoryName(stampPath)!);
        var tmp = stampPath + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(stamp));
        File.Move(tmp, stampPath, overwrite: true);
    }

    /// <summary>Why the package must be (re)built, or null when it is up to date.</summary>
    public static string? OutOfDateReason(string stampPath, string packagePath, string inputsHash)
    {
        if (!File.Exists(packagePath))
            return "missing";
        var stamp = Read(stampPath);
        if (stamp is null)
            return "present, built elsewhere (no stamp)";
        var info = new FileInfo(packagePath);
        if (stamp.Package != Path.GetFullPath(packagePath) || stamp.Size != info.Length || stamp.MTimeTicks != info.LastWriteTimeUtc.Ticks)
            return "package file changed since it was built";
        return stamp.InputsHash == inputsHash ? null : "inputs changed";
    }
}
