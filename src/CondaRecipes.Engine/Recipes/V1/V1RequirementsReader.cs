using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// <c>requirements:</c> onto <see cref="RecipeRequirements"/>: build, host, run, run_constraints (the
/// engine's run_constrained); <c>run_exports</c> (a list is the weak list, or weak/strong/noarch/
/// weak_constraints/strong_constraints) and <c>ignore_run_exports</c> (by_name, from_package) onto the build
/// section, where the engine keeps them.
/// </summary>
internal static class V1RequirementsReader
{
    public sealed record Result(RecipeRequirements Requirements, RunExports RunExports, IReadOnlyList<string> IgnoreByName,
        IReadOnlyList<string> IgnoreFromPackage);

    public static Result Read(V1Mapping? reqs)
    {
        if (reqs is null) return new Result(new RecipeRequirements(), new RunExports(), [], []);
        V1Fields.CheckKeys(reqs, "requirements", ["build", "host", "run", "run_constraints", "run_exports", "ignore_run_exports"]);
        var requirements = new RecipeRequirements
        {
            Build = Specs(reqs, "build"),
            Host = Specs(reqs, "host"),
            Run = Specs(reqs, "run"),
            RunConstrained = Specs(reqs, "run_constraints"),
            // v1 always keeps build and host apart (cross-capable), whether or not host is written.
            HasHostSection = true,
        };
        var ignore = V1Fields.Mapping(reqs, "ignore_run_exports");
        if (ignore is not null) V1Fields.CheckKeys(ignore, "requirements.ignore_run_exports", ["by_name", "from_package"]);
        return new Result(requirements, RunExportsOf(reqs), V1Fields.List(ignore, "by_name"), V1Fields.List(ignore, "from_package"));
    }

    private static IReadOnlyList<RecipeRequirement> Specs(V1Mapping reqs, string key)
    {
        if (reqs.Entry(key) is not { } entry) return [];
        if (entry.Value is not V1Sequence seq)
            throw V1Fields.Invalid(entry, $"requirements.{key} must be a list of package specs.", "Write '- name >=version' items.");
        return seq.Items.Select(i => i is V1Scalar { Value: { } v }
            ? new RecipeRequirement(Normalize(v), i.Line)
            : throw new CondaRecipesException(V1ErrorCodes.ValueInvalid, $"An item of requirements.{key} is not a package spec.", i.File, i.Line,
                "Write one spec per item, e.g. '- zlib >=1.2'.")).ToList();
    }

    // One space between name, version and build, as the engine's specs are written.
    private static string Normalize(string spec) => string.Join(' ', spec.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static RunExports RunExportsOf(V1Mapping reqs)
    {
        if (reqs.Entry("run_exports") is not { } entry) return new RunExports();
        if (entry.Value is not V1Mapping m) return new RunExports { Weak = V1Fields.List(reqs, "run_exports") };
        V1Fields.CheckKeys(m, "requirements.run_exports", ["weak", "strong", "noarch", "weak_constraints", "strong_constraints"]);
        return new RunExports
        {
            Weak = V1Fields.List(m, "weak"),
            Strong = V1Fields.List(m, "strong"),
            Noarch = V1Fields.List(m, "noarch"),
            WeakConstrains = V1Fields.List(m, "weak_constraints"),
            StrongConstrains = V1Fields.List(m, "strong_constraints"),
        };
    }
}
