using System.Text.RegularExpressions;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Architecture;

/// <summary>
/// Every document a source file cites (a Markdown file, or a path under the repository's docs folder)
/// exists in the repository, relative to its root or to the citing file, so a comment never sends a
/// reader to a file they cannot open.
/// </summary>
public partial class CitedPathsTests
{
    private static readonly string[] SourceExtensions = [".cs", ".props", ".targets", ".proj", ".sh"];
    private static readonly string[] SourceFolders = ["src", "tests", "eng", "benchmarks", "samples"];

    [GeneratedRegex(@"(?<![\w./-])((?:\.\.?/)*(?:[\w.-]+/)*[\w.-]+\.md|docs/[\w./-]*[\w-])(?![\w/])")]
    private static partial Regex Citation();

    /// <summary>The cited paths in <paramref name="text"/> that resolve neither from <paramref name="root"/>
    /// nor from <paramref name="directory"/>.</summary>
    internal static IEnumerable<string> Missing(string text, string root, string directory) =>
        Citation().Matches(text).Select(m => m.Groups[1].Value)
            .Where(cited => !Path.Exists(Path.Combine(root, cited)) && !Path.Exists(Path.Combine(directory, cited)));

    [Test]
    public void Every_cited_document_exists()
    {
        var root = RepoPaths.Root;
        var missing = SourceFolders.Select(f => Path.Combine(root, f)).Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .SelectMany(l => Missing(l.Text, root, Path.GetDirectoryName(l.File)!)
                .Select(cited => $"{Path.GetRelativePath(root, l.File)}({l.Line}): {cited}"))
            .ToList();
        Assert.That(missing, Is.Empty, "Cite a file the repository has (docs/ holds the architecture and format notes).");
    }

    [Test]
    public void A_citation_of_an_absent_file_is_found()
    {
        var root = RepoPaths.Root;
        const string md = ".md", docs = "docs"; // spelled apart, so this file cites nothing itself
        var text = $"/// see DESIGN{md} and reference/conda-packages{md} §2, {docs}/nowhere{md}, {docs}/architecture{md}, README{md}";
        Assert.That(Missing(text, root, root), Is.EqualTo(new[] { $"DESIGN{md}", $"reference/conda-packages{md}", $"{docs}/nowhere{md}" }));
    }
}
