using System.Text.Json;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Pipeline.Dependencies;

/// <summary>
/// Reads what an extracted package exports, as conda-build does: <c>info/run_exports.json</c> (conda-build 3
/// and this engine), else the legacy <c>info/run_exports</c> text file (one weak spec a line, a package's pin
/// on itself left out). No file means no exports.
/// </summary>
public static class RunExportsFile
{
    public static RunExports Read(string extractedPackage, string name)
    {
        var json = Path.Combine(extractedPackage, "info", "run_exports.json");
        if (File.Exists(json))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(json));
                return new RunExports
                {
                    Weak = List(doc.RootElement, "weak"), Strong = List(doc.RootElement, "strong"),
                    Noarch = List(doc.RootElement, "noarch"),
                    WeakConstrains = List(doc.RootElement, "weak_constrains"),
                    StrongConstrains = List(doc.RootElement, "strong_constrains"),
                };
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new CondaRecipesException(BuildErrorCodes.RunExportsUnreadable,
                    $"The run_exports of {name} cannot be read: {e.Message}", json,
                    hint: "The package is damaged or was not written by a conda package builder; rebuild or replace it.");
            }
        }
        var legacy = Path.Combine(extractedPackage, "info", "run_exports");
        if (File.Exists(legacy))
            return new RunExports
            {
                Weak = File.ReadAllLines(legacy).Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.StartsWith(name, StringComparison.Ordinal))
                    .Distinct().Order(StringComparer.Ordinal).ToList(),
            };
        return new RunExports();
    }

    private static IReadOnlyList<string> List(JsonElement root, string key) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException($"'{key}' holds a non-string entry")).ToList()
            : [];
}
