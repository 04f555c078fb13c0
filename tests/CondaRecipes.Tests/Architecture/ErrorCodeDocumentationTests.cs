using System.Reflection;
using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Architecture;

/// <summary>Every error code the engine can raise is unique and listed in README.md.</summary>
public class ErrorCodeDocumentationTests
{
    private static IReadOnlyList<(string Owner, string Name, string Code)> AllCodes() =>
        typeof(CondaRecipesException).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("ErrorCodes", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (t.Name, f.Name, (string)f.GetRawConstantValue()!)))
            .Where(c => Regex.IsMatch(c.Item3, "^CR[0-9]{4}$"))
            .ToList();

    [Test]
    public void Codes_are_unique()
    {
        var codes = AllCodes();
        Assert.That(codes, Has.Count.GreaterThan(50));
        var duplicates = codes.GroupBy(c => c.Code).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.Owner}.{c.Name}"))}");
        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void Every_code_is_in_the_readme_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var missing = AllCodes().Where(c => !readme.Contains($"| {c.Code} |", StringComparison.Ordinal))
            .Select(c => $"{c.Code} ({c.Owner}.{c.Name})");
        Assert.That(missing, Is.Empty, "Add these to the error code table in README.md.");
    }
}
