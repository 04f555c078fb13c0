using CondaRecipes.Channels.Specs;
using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// Keeps only the variants that differ in what the recipe uses, as conda-build's <c>distribute_variants</c>
/// does: a noarch recipe keeps the newest Python only; the first variant's render tells which variables
/// are used (by the recipe or by any of its outputs); a variable that varies but is unused (and does not move with a used one) keeps the first
/// variant's value; then each remaining variant is rendered and variants with the same package file
/// and the same values of their used variables collapse into the first.
/// A variant whose render fails stays, unrendered, so that the caller reports its error.
/// </summary>
public static class VariantReducer
{
    public sealed record Reduced(Variant Variant, RenderedRecipe? Rendered);

    /// <param name="render">Renders a variant; null when the render fails.</param>
    /// <param name="zipGroups">Variables that move together (the axes with more than one variable).</param>
    public static IReadOnlyList<Reduced> Reduce(IReadOnlyList<Variant> variants, IReadOnlyList<IReadOnlyList<string>> zipGroups,
        Func<Variant, RenderedRecipe?> render)
    {
        if (variants.Count == 0) return [];
        var first = render(variants[0]);
        if (first is null) return variants.Select(v => new Reduced(v, null)).ToList();

        var candidates = variants;
        if (first.Recipe.Build.Noarch is not null && NewestPython(variants) is { } newest)
            candidates = variants.Where(v => v.PythonVersion is null || v.PythonVersion == newest).ToList();

        // An output's own variables loop too (conda-build expands each output over the variants its top-level
        // variant stands for): a python used only by one output gives that output one package per python. A recipe.yaml
        // names its loop variables (LoopVariables: also those only an untaken branch reads).
        var used = (first.LoopVariables ?? first.UsedVariables).Keys.Concat(first.Outputs.SelectMany(o => o.UsedVariables.Keys))
            .Select(ConfiguredMatrix.VariableOf).ToHashSet(StringComparer.Ordinal);
        var loopVariables = candidates[0].Values.Concat(candidates[0].Constants).Select(kv => kv.Key)
            .Where(k => candidates.Any(v => v.Get(k) != candidates[0].Get(k))).ToList();
        var usedGroups = zipGroups.Where(g => g.Any(used.Contains)).ToList();
        var reduce = loopVariables.Where(k => !used.Contains(k) && !usedGroups.Any(g => g.Contains(k))).ToList();
        var top = candidates.Where(v => reduce.All(k => v.Get(k) == candidates[0].Get(k))).ToList();

        var result = new List<Reduced>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variant in top)
        {
            var rendered = ReferenceEquals(variant, variants[0]) ? first : render(variant);
            if (rendered is not null)
            {
                string identity = string.Join("\n", new[] { rendered.Subdir, rendered.DistName }
                    .Concat(rendered.UsedVariables.Select(kv => $"{kv.Key}={kv.Value}"))
                    .Concat(rendered.Outputs.SelectMany(o => new[] { o.Subdir, o.DistName }
                        .Concat(o.UsedVariables.Select(kv => $"{kv.Key}={kv.Value}")))));
                if (!seen.Add(identity)) continue;
            }
            result.Add(new Reduced(variant, rendered));
        }
        return result;
    }

    private static string? NewestPython(IReadOnlyList<Variant> variants) =>
        variants.Select(v => v.PythonVersion).OfType<string>().Distinct()
            .Select(p => (Text: p, Order: VersionOrder.TryParse(p.Split(' ')[0], out var o) ? o : null))
            .Where(p => p.Order is not null)
            .OrderBy(p => p.Order!)
            .Select(p => p.Text)
            .LastOrDefault();
}
