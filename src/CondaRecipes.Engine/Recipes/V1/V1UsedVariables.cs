using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// The variables a recipe.yaml output uses: conda-build's rule (<see cref="UsedVariables"/>) with rattler-build's
/// one difference for compilers. rattler-build's <c>compiler(lang)</c> and <c>stdlib(lang)</c> read
/// <c>CONDA_BUILD_SYSROOT</c> on every call, whatever the language and whether or not the variant names the
/// compiler; conda-build counts it only beside a used <c>c_compiler</c>, <c>cxx_compiler</c> or <c>c_stdlib</c>.
/// A recipe.yaml's variant has no default compiler (<see cref="Variants.VariantDefaults"/>), so without this the
/// sysroot would drop out of the hash of a recipe that relies on the platform's compiler.
/// </summary>
internal static class V1UsedVariables
{
    private const string Sysroot = "CONDA_BUILD_SYSROOT";

    /// <param name="shadowing">Context names that hide the variant key of that name from every expression
    /// (<see cref="V1Context.Shadowing"/>): such a key is used only as a bare requirement (<c>- mpi</c>).</param>
    public static SortedDictionary<string, string> Find(IReadOnlyDictionary<string, string> variant, ParsedTemplate template,
        Recipe recipe, string? buildScript, IReadOnlyList<string> ignoreBuildOnlyDeps, IReadOnlySet<string> shadowing)
    {
        var used = UsedVariables.Find(variant, template, new HashSet<string>(), recipe, buildScript, ignoreBuildOnlyDeps);
        var reqs = recipe.Requirements;
        foreach (var name in shadowing)
            if (!reqs.Build.Concat(reqs.Host).Concat(reqs.Run).Any(r => r.Spec == r.Name && r.Name.Replace('-', '_') == name))
                used.Remove(name);
        bool callsCompiler = template.CalledFunctions.Any(f =>
            f.StartsWith("compiler(", StringComparison.Ordinal) || f.StartsWith("stdlib(", StringComparison.Ordinal));
        if (callsCompiler && variant.TryGetValue(Sysroot, out var sysroot)) used[Sysroot] = sysroot;
        return used;
    }
}
