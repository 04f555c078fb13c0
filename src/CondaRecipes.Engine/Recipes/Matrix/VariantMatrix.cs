using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.Matrix;

/// <summary>
/// Expands axis declarations into the variants to build: the cross product of the axes (Python outermost,
/// then declaration order, as the original bash loops nested them), each narrowed by the command-line
/// properties. A value given on the command line that the matrix does not list is built as asked.
/// </summary>
public static class VariantMatrix
{
    /// <param name="declarations">The Python axis (variable <see cref="MatrixVariable.Python"/>) and the package axes.</param>
    /// <param name="overrides">Global properties of the build (case-insensitive names) that may narrow axes.</param>
    public static IReadOnlyList<Variant> Expand(IReadOnlyList<AxisDeclaration> declarations,
        IReadOnlyDictionary<string, string> overrides) =>
        ExpandAxes(BuildAxes(declarations), overrides);

    /// <summary>Expands axes already built with <see cref="BuildAxes"/>.</summary>
    public static IReadOnlyList<Variant> ExpandAxes(IReadOnlyList<MatrixAxis> axes, IReadOnlyDictionary<string, string> overrides)
    {
        var narrowed = axes.Select(axis => Narrow(axis, overrides)).ToList();

        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> product = [[]];
        foreach (var axis in narrowed)
        {
            var current = axis;
            product = product.SelectMany(prefix => current.Rows.Select(row =>
                (IReadOnlyList<KeyValuePair<string, string>>)prefix
                    .Concat(current.Variables.Select((v, i) => KeyValuePair.Create(v.Name, row[i])))
                    .ToList()));
        }
        return product.Select(values => new Variant(values)).ToList();
    }

    /// <summary>Groups declarations into axes (zipped variables share one) and validates them.</summary>
    public static IReadOnlyList<MatrixAxis> BuildAxes(IReadOnlyList<AxisDeclaration> declarations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in declarations)
        {
            if (!seen.Add(d.Variable))
                throw new CondaRecipesException(MatrixErrorCodes.BadAxisDeclaration,
                    $"The matrix variable '{d.Variable}' is declared more than once.", d.DeclaredIn, d.Line,
                    "Declare each variable once; list all its values in one Values attribute.");
            if (d.Values.Count == 0)
                throw new CondaRecipesException(MatrixErrorCodes.EmptyAxis,
                    $"The matrix axis '{d.Variable}' has no values.", d.DeclaredIn, d.Line,
                    d.Variable == MatrixVariable.Python
                        ? "List at least one Python version in the CondaPython items, or remove them for a package that does not depend on Python."
                        : "Give its Values attribute at least one value (separated by ';'), or remove the item.");
        }

        // Each declaration joins the axis of the variable it zips with (transitively).
        var groups = new List<List<AxisDeclaration>>();
        var groupOf = new Dictionary<string, List<AxisDeclaration>>(StringComparer.Ordinal);
        foreach (var d in declarations.Where(d => d.ZipWith is null))
        {
            var g = new List<AxisDeclaration> { d };
            groups.Add(g);
            groupOf[d.Variable] = g;
        }
        var pending = declarations.Where(d => d.ZipWith is not null).ToList();
        while (pending.Count > 0)
        {
            var placed = pending.Where(d => groupOf.ContainsKey(d.ZipWith!)).ToList();
            if (placed.Count == 0)
            {
                var bad = pending[0];
                throw new CondaRecipesException(MatrixErrorCodes.BadAxisDeclaration,
                    $"The matrix variable '{bad.Variable}' is zipped with '{bad.ZipWith}', which is not a declared variable (or the zips form a cycle).",
                    bad.DeclaredIn, bad.Line, "Set ZipWith to the name of another CondaVariant item.");
            }
            foreach (var d in placed)
            {
                var g = groupOf[d.ZipWith!];
                g.Add(d);
                groupOf[d.Variable] = g;
                pending.Remove(d);
            }
        }

        // Python first: its loop was the outermost in the original scripts.
        return groups
            .OrderBy(g => g[0].Variable == MatrixVariable.Python ? 0 : 1)
            .Select(ToAxis)
            .ToList();
    }

    private static MatrixAxis ToAxis(List<AxisDeclaration> group)
    {
        var count = group[0].Values.Count;
        var mismatch = group.FirstOrDefault(d => d.Values.Count != count);
        if (mismatch is not null)
            throw new CondaRecipesException(MatrixErrorCodes.ZipLengthMismatch,
                $"The matrix variables {string.Join(", ", group.Select(d => $"{d.Variable} ({d.Values.Count} values)"))} move together but list different numbers of values.",
                mismatch.DeclaredIn, mismatch.Line,
                "Values of zipped variables pair up by position; give each the same number of values.");

        var variables = group.Select(d => new MatrixVariable(d.Variable,
            d.OverrideProperty ?? DefaultOverrideFor(d.Variable), d.DeclaredIn, d.Line)).ToList();
        var rows = Enumerable.Range(0, count)
            .Select(i => (IReadOnlyList<string>)group.Select(d => d.Values[i]).ToList())
            .ToList();
        return new MatrixAxis(variables, rows);
    }

    private static string DefaultOverrideFor(string variable) =>
        variable == MatrixVariable.Python ? "PythonVersion" : MatrixVariable.DefaultOverrideProperty(variable);

    /// <summary>Keeps the rows the command line asks for, or builds the asked values when none are listed.</summary>
    private static MatrixAxis Narrow(MatrixAxis axis, IReadOnlyDictionary<string, string> overrides)
    {
        var asked = new Dictionary<int, IReadOnlyList<string>>();
        for (var i = 0; i < axis.Variables.Count; i++)
            if (overrides.TryGetValue(axis.Variables[i].OverrideProperty, out var text)
                && VariableCodec.SplitValues(text) is { Count: > 0 } values)
                asked[i] = values;
        if (asked.Count == 0)
            return axis;

        var kept = axis.Rows.Where(row => asked.All(a => a.Value.Contains(row[a.Key]))).ToList();
        var allListed = asked.All(a => a.Value.All(v => axis.Rows.Any(row => row[a.Key] == v)));
        if (kept.Count > 0 && allListed)
            return axis with { Rows = kept };

        // Some asked value is not in the matrix: build what was asked. Every variable of the axis must then
        // be given, or the values of the others are unknown.
        if (asked.Count < axis.Variables.Count)
        {
            var missing = axis.Variables.Where((_, i) => !asked.ContainsKey(i)).ToList();
            var given = asked.Keys.Order().Select(i => axis.Variables[i]).ToList();
            var givenText = string.Join(", ", asked.OrderBy(a => a.Key)
                .Select(a => $"{axis.Variables[a.Key].OverrideProperty}={string.Join(";", a.Value)}"));
            throw new CondaRecipesException(MatrixErrorCodes.PartialZippedOverride,
                $"{givenText} is not in the matrix, and {axis.Name} move together, so the value of {string.Join(", ", missing.Select(v => v.Name))} is unknown.",
                given[0].DeclaredIn, given[0].Line,
                $"Also pass {string.Join(" ", missing.Select(v => $"-p:{v.OverrideProperty}=<value>"))}, or pick a listed value.");
        }
        var lengths = asked.Values.Select(v => v.Count).Distinct().ToList();
        if (lengths.Count != 1)
            throw new CondaRecipesException(MatrixErrorCodes.ZipLengthMismatch,
                $"The command line gives different numbers of values for {axis.Name}, which move together.",
                axis.Variables[0].DeclaredIn, axis.Variables[0].Line,
                "Give the same number of values for each, paired by position.");
        var rows = Enumerable.Range(0, lengths[0])
            .Select(r => (IReadOnlyList<string>)Enumerable.Range(0, axis.Variables.Count).Select(i => asked[i][r]).ToList())
            .ToList();
        return axis with { Rows = rows };
    }
}
