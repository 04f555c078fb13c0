namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// conda-build's default variant (its <c>DEFAULT_VARIANTS</c> and default compilers), the lowest-priority
/// source of every merge; a recipe.yaml gets it without the compilers (rattler-build defines none). Left out:
/// the versions conda-build takes from the Python it runs under (<c>python</c>, and <c>numpy</c> chosen by it),
/// <c>perl</c>, <c>lua</c>, <c>r_base</c>, <c>cpu_optimization_target</c> and <c>cran_mirror</c>: here Python
/// comes from the project's <c>CondaPython</c> items or a config file, and a recipe that needs the others names
/// them in a config file.
/// </summary>
public static class VariantDefaults
{
    /// <summary>Keys merged by extending rather than replacing (conda-build's default <c>extend_keys</c>).</summary>
    public static IReadOnlyList<string> ExtendKeys { get; } =
        ["pin_run_as_build", "ignore_version", "ignore_build_only_deps", "extend_keys"];

    /// <summary>Keys that never become matrix axes: they configure the render, not a variant.</summary>
    public static IReadOnlySet<string> PassthroughKeys { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "zip_keys", "extend_keys", "replacements", "pin_run_as_build", "ignore_version", "ignore_build_only_deps" };

    /// <param name="format">The recipe's format (<see cref="RecipeFormat.KindOf"/>): only a meta.yaml gets default compilers.</param>
    public static VariantConfigSpec For(string subdir, RecipeFormatKind format)
    {
        var spec = new VariantConfigSpec("defaults");
        spec.SetMapping("pin_run_as_build", RunPin.Defaults.ToDictionary(
            kv => kv.Key,
            kv => (object)new Dictionary<string, object> { ["min_pin"] = kv.Value.MinPin!, ["max_pin"] = kv.Value.MaxPin! },
            StringComparer.Ordinal));
        spec.SetList("ignore_version", []);
        spec.SetList("ignore_build_only_deps", ["python", "numpy"]);
        spec.SetList("extend_keys", ExtendKeys);
        spec.SetList("target_platform", [subdir]);
        // rattler-build has no default variant: compiler('c') falls back to the platform's compiler when it is called
        // (CondaGlobals.CompilerPackage names the same one), and a fallback is no variant value, so it never enters
        // the hash. Given as variant values here, they would change every recipe.yaml's build string.
        if (format == RecipeFormatKind.RecipeYaml) return spec;
        bool osx = subdir.StartsWith("osx-", StringComparison.Ordinal);
        spec.SetList("c_compiler", [osx ? "clang" : "gcc"]);
        spec.SetList("cxx_compiler", [osx ? "clangxx" : "gxx"]);
        spec.SetList("fortran_compiler", ["gfortran"]);
        return spec;
    }
}
