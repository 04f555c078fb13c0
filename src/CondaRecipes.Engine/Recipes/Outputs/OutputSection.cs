using System.Text.RegularExpressions;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Selectors;

namespace CondaRecipes.Recipes.Outputs;

/// <summary>
/// The part of meta.yaml an output's used variables are looked for in, as conda-build's <c>get_used_vars</c>
/// decides it for an output: an entry of <c>outputs</c> uses only what its own list item names (and its
/// <c>.sh</c> script reads); the entry named like the top-level package also uses the top level outside the
/// <c>outputs</c> section (and build.sh). So a variable that only a sibling output or the top level's Jinja
/// reads does not enter an output's build-string hash.
/// </summary>
internal static partial class OutputSection
{
    // conda-build's output_re: an item starts at '- name:' or '- type:' and runs to the next one or to a top-level key.
    [GeneratedRegex(@"^\s+-\s+(name|type):")]
    private static partial Regex ItemStart();

    [GeneratedRegex(@"^\w")]
    private static partial Regex TopLevelKey();

    /// <summary>What the used variables of one output are found in.</summary>
    public sealed record Usage(ParsedTemplate Template, IReadOnlySet<string> SelectorNames, string? Script);

    /// <summary>
    /// The usage of <paramref name="output"/>, or null when the whole template decides (no outputs section, the
    /// metapackage conda-build adds, or an item whose text is no template of its own, e.g. cut by a Jinja loop).
    /// </summary>
    public static Usage? For(RecipeOutput output, string templateText, SelectorNamespace ns, string metaPath, string recipeDir,
        string? buildScript)
    {
        if (output.Kind is not (OutputKind.Listed or OutputKind.TopLevelName) || output.Line <= 0) return null;
        var lines = templateText.Split('\n');
        string? item = ItemText(lines, output.Line - 1);
        if (item is null) return null;
        string text = output.Kind == OutputKind.TopLevelName ? WithoutOutputs(lines) + "\n" + item : item;
        try
        {
            var selected = LineSelectors.Apply(text, ns, LineMap.Identity, metaPath);
            var template = TemplateCache.Parse(selected.Text);
            string? script = output.Kind == OutputKind.TopLevelName ? buildScript : ShellScript(recipeDir, output.Script);
            return new Usage(template, selected.UsedNames, script);
        }
        catch (TemplateError)
        {
            return null;
        }
    }

    private static string? ItemText(string[] lines, int start)
    {
        if (start >= lines.Length) return null;
        int end = start + 1;
        while (end < lines.Length && !ItemStart().IsMatch(lines[end]) && !TopLevelKey().IsMatch(lines[end])) end++;
        return string.Join("\n", lines[start..end]);
    }

    /// <summary>The template without its <c>outputs:</c> section (up to the next top-level key).</summary>
    private static string WithoutOutputs(string[] lines)
    {
        var kept = new List<string>();
        bool inOutputs = false;
        foreach (var line in lines)
        {
            if (TopLevelKey().IsMatch(line)) inOutputs = line.StartsWith("outputs:", StringComparison.Ordinal);
            if (!inOutputs) kept.Add(line);
        }
        return string.Join("\n", kept);
    }

    /// <summary>conda-build searches an output's script for <c>$NAME</c> only when it is a <c>.sh</c> file.</summary>
    private static string? ShellScript(string recipeDir, string? script)
    {
        if (script is null || !script.EndsWith(".sh", StringComparison.Ordinal)) return null;
        string path = Path.Combine(recipeDir, script);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
