using System.Text.Json;
using System.Text.Json.Serialization;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline;

/// <summary>
/// The record a successful variant build leaves behind: which package files it produced, from which inputs.
/// A variant is up to date when its packages are still there, unchanged, and its inputs hash is the same.
/// </summary>
public sealed record BuildStamp(
    [property: JsonPropertyName("inputs")] string InputsHash,
    [property: JsonPropertyName("packages")] IReadOnlyList<StampedFile> Packages)
{
    /// <summary>The reason <see cref="OutOfDateReason"/> gives when a package file is not there.</summary>
    public const string MissingReason = "missing";

    /// <summary>A hash of the recipe folder the packages were built from (shared by all variants of a recipe).</summary>
    [JsonPropertyName("recipe")] public string? RecipeHash { get; init; }

    /// <summary>The channel packages installed into the build and host prefixes (native engine).</summary>
    [JsonPropertyName("installed")] public IReadOnlyList<Dependencies.InstalledPackage>? Installed { get; init; }

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

    /// <summary>Stamps <paramref name="packagePaths"/> as built from <paramref name="inputsHash"/>.</summary>
    public static void Write(string stampPath, IEnumerable<string> packagePaths, string inputsHash, string? recipeHash = null,
        IReadOnlyList<Dependencies.InstalledPackage>? installed = null)
    {
        var stamp = new BuildStamp(inputsHash, packagePaths.Select(StampedFile.Of).ToList()) { RecipeHash = recipeHash, Installed = installed };
        AtomicFile.WriteAllText(stampPath, JsonSerializer.Serialize(stamp));
    }

    /// <summary>Why the packages must be (re)built, or null when they are up to date.</summary>
    public static string? OutOfDateReason(string stampPath, IReadOnlyList<string> packagePaths, string inputsHash)
    {
        if (packagePaths.Any(p => !File.Exists(p)))
            return MissingReason;
        var stamp = Read(stampPath);
        if (stamp is null)
            return "present, but not built here (no stamp)";
        if (!packagePaths.Select(StampedFile.Of).ToHashSet().SetEquals(stamp.Packages))
            return "package file changed since it was built";
        return stamp.InputsHash == inputsHash ? null : "inputs changed";
    }
}

/// <summary>
/// An output several variants make under one file name (it uses none of the variables they differ in, so
/// conda-build builds it once): the first variant to publish it keeps it. A later variant of the same recipe
/// folder leaves that file as it is, so the stamps of both stay valid and neither rebuilds the other.
/// </summary>
public static class SharedPackages
{
    public static bool PublishedBySibling(string stampPath, string channelFile, string recipeHash)
    {
        var dir = Path.GetDirectoryName(stampPath)!;
        if (!File.Exists(channelFile) || !Directory.Exists(dir)) return false;
        var current = StampedFile.Of(channelFile);
        return Directory.EnumerateFiles(dir, "*.json")
            .Where(f => Path.GetFullPath(f) != Path.GetFullPath(stampPath))
            .Select(BuildStamp.Read)
            .Any(s => s is not null && s.RecipeHash == recipeHash && s.Packages.Contains(current));
    }
}

/// <summary>A package file as it was when stamped.</summary>
public sealed record StampedFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("mtime")] long MTimeTicks)
{
    public static StampedFile Of(string path)
    {
        var info = new FileInfo(path);
        return new StampedFile(System.IO.Path.GetFullPath(path), info.Exists ? info.Length : -1, info.Exists ? info.LastWriteTimeUtc.Ticks : 0);
    }
}
