using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Outputs;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// Maps a rendered recipe.yaml onto the engine's model. A recipe with <c>package:</c> is one package (its
/// implicit output). A recipe with <c>outputs:</c> (and optionally <c>recipe:</c> for the shared name and
/// version) makes each <c>package:</c> output, inheriting the top-level build, about and requirements; a
/// <c>staging:</c> output (or the older top-level <c>cache:</c>) is the engine's one top-level build, and the
/// outputs that inherit it take its files (all of them, or those their <c>files</c> select).
/// </summary>
internal static class V1RecipeReader
{
    private static readonly string[] SingleKeys = ["$schema", "schema_version", "context", "package", "source", "build", "requirements", "tests", "about", "extra"];
    private static readonly string[] MultiKeys = ["$schema", "schema_version", "context", "recipe", "source", "build", "requirements", "about", "extra", "outputs", "cache"];
    private static readonly string[] OutputKeys = ["package", "staging", "inherit", "source", "build", "requirements", "tests", "about", "extra"];

    public sealed record Result(Recipe Recipe, IReadOnlyList<RecipeOutput> Outputs);

    public static Result Read(V1Mapping root, string recipeDir, V1Expressions expressions)
    {
        if (V1Fields.String(root, "schema_version") is { } schema && schema != "1")
            throw new CondaRecipesException(V1ErrorCodes.SchemaVersionUnsupported, $"schema_version is {schema}; this engine reads schema 1.",
                root.File, root.Entry("schema_version")!.Line, "Write schema_version: 1 or leave it out.");
        return root.Entry("outputs") is null ? ReadSingle(root, recipeDir, expressions) : ReadMulti(root, recipeDir, expressions);
    }

    private static Result ReadSingle(V1Mapping root, string recipeDir, V1Expressions expressions)
    {
        V1Fields.CheckKeys(root, "recipe.yaml", SingleKeys);
        var package = Package(V1Fields.Mapping(root, "package"), root, "package", null);
        var recipe = Package(package, root, recipeDir, expressions, out var files);
        var output = new RecipeOutput
        {
            Name = recipe.Package.Name, Recipe = recipe, Kind = OutputKind.Implicit, Files = files,
            Line = root.Entry("package")?.Line ?? 0, V1Tests = Tests(root),
        };
        return new Result(recipe, [output]);
    }

    /// <summary>One package: its sections read onto a <see cref="Recipe"/>.</summary>
    private static Recipe Package(RecipePackage package, V1Mapping section, string recipeDir, V1Expressions expressions, out OutputFiles? files)
    {
        var build = V1BuildReader.Read(V1Fields.Mapping(section, "build"), recipeDir, expressions);
        var reqs = V1RequirementsReader.Read(V1Fields.Mapping(section, "requirements"));
        files = build.Files;
        return new Recipe
        {
            Package = package,
            Sources = V1SourceReader.Read(section["source"], section.File),
            Build = build.Build with
            {
                RunExports = reqs.RunExports, IgnoreRunExports = reqs.IgnoreByName, IgnoreRunExportsFrom = reqs.IgnoreFromPackage,
            },
            Requirements = reqs.Requirements,
            About = V1AboutReader.Read(V1Fields.Mapping(section, "about")),
            Extra = section["extra"] is { } extra && V1Merge.ToPlain(extra) is Dictionary<string, object?> d ? d : new Dictionary<string, object?>(),
        };
    }

    private static Result ReadMulti(V1Mapping root, string recipeDir, V1Expressions expressions)
    {
        V1Fields.CheckKeys(root, "recipe.yaml", MultiKeys);
        var shared = V1Fields.Mapping(root, "recipe");
        if (shared is not null) V1Fields.CheckKeys(shared, "recipe", ["name", "version"]);
        if (root["outputs"] is not V1Sequence { Items.Count: > 0 } list)
            throw new CondaRecipesException(V1ErrorCodes.OutputInvalid, "outputs: is empty or not a list.", root.File, root.Entry("outputs")!.Line,
                "List the packages: '- package:' with 'name:' below it.");
        var items = list.Items.Select(i => i as V1Mapping ?? throw new CondaRecipesException(V1ErrorCodes.OutputInvalid,
            "An output is not a mapping.", i.File, i.Line, "Start each output with 'package:' or 'staging:'.")).ToList();

        var stagings = items.Where(i => i.Entry("staging") is not null).ToList();
        if (root["cache"] is V1Mapping cache) stagings.Insert(0, cache);
        if (stagings.Count > 1)
            throw new CondaRecipesException(V1ErrorCodes.KeyNotSupported, "The recipe has more than one staging build.", root.File, stagings[1].Line,
                "The engine builds once per variant: merge the staging outputs into one.");
        var staging = stagings.FirstOrDefault();
        string? stagingName = staging is null ? null : V1Fields.String(V1Fields.Mapping(staging, "staging"), "name") ?? "cache";
        if (staging is not null) V1Fields.CheckKeys(staging, "staging", ["staging", "source", "build", "requirements"]);

        string? name = V1Fields.String(shared, "name");
        string? version = V1Fields.String(shared, "version");
        var topBuild = V1Fields.Mapping(root, "build");
        var outputs = new List<RecipeOutput>();
        foreach (var item in items.Where(i => i.Entry("staging") is null))
        {
            V1Fields.CheckKeys(item, "outputs", OutputKeys);
            if (item.Entry("source") is { } own)
                throw new CondaRecipesException(V1ErrorCodes.KeyNotSupported, "An output has a source of its own.", item.File, own.Line,
                    "Move the source to the top level (every output builds from the same work folder).");
            var package = Package(V1Fields.Mapping(item, "package"), item, "package", version);
            string? inherits = Inherit(item);
            if (inherits is not null && inherits != stagingName)
                throw new CondaRecipesException(V1ErrorCodes.OutputInvalid, $"The output {package.Name} inherits '{inherits}', which is no staging output.",
                    item.File, item.Entry("inherit")!.Line, $"Name the staging output{(stagingName is null ? "" : $" ('{stagingName}')")}.");
            var merged = new V1Mapping(
                [.. Section(item, "build", topBuild), .. Section(item, "requirements", V1Fields.Mapping(root, "requirements")),
                 .. Section(item, "about", V1Fields.Mapping(root, "about")), .. Section(item, "extra", V1Fields.Mapping(root, "extra"))], item.Line)
                { File = item.File };
            var recipe = Package(package, merged, recipeDir, expressions, out var files);
            var script = recipe.Build.Script;
            bool fromStaging = inherits is not null || (root["cache"] is not null && staging is not null);
            if (recipe.Build.Skip) continue;
            outputs.Add(new RecipeOutput
            {
                Name = package.Name,
                Recipe = recipe with { Build = recipe.Build with { Script = [] } },
                Kind = OutputKind.Listed,
                ScriptLines = script,
                Files = files ?? (fromStaging ? (script.Count > 0 ? new OutputFiles { Globs = ["**"] } : new OutputFiles { IsIncludeExclude = true, Include = ["**"] }) : null),
                Line = item.Line,
                V1Tests = Tests(item),
            });
        }
        if (outputs.Select(o => o.Name).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new CondaRecipesException(V1ErrorCodes.OutputInvalid, $"Two outputs are named {twice.Key}.", root.File, root.Entry("outputs")!.Line,
                "Give every output its own package name.");

        var top = staging is null ? null : Package(new RecipePackage(stagingName!, version ?? ""),
            new V1Mapping([.. Section(staging, "build", topBuild), .. Section(staging, "requirements", null), .. Section(staging, "source", null)], staging.Line)
                { File = staging.File }, recipeDir, expressions, out _);
        var topSources = V1SourceReader.Read(root["source"], root.File).Concat(top?.Sources ?? []).ToList();
        var first = outputs.FirstOrDefault()?.Recipe.Package;
        var topRecipe = new Recipe
        {
            Package = new RecipePackage(name ?? first?.Name ?? stagingName ?? "", version ?? first?.Version ?? ""),
            Sources = topSources,
            Build = (top?.Build ?? V1BuildReader.Read(topBuild, recipeDir, expressions).Build with { Script = [] }) with
            {
                Skip = outputs.Count == 0,
            },
            Requirements = top?.Requirements ?? new RecipeRequirements { HasHostSection = true },
            About = V1AboutReader.Read(V1Fields.Mapping(root, "about")),
        };
        if (topRecipe.Package.Name.Length == 0 || topRecipe.Package.Version.Length == 0)
            throw new CondaRecipesException(V1ErrorCodes.PackageMissing, "The recipe has no name or version: recipe: (name, version) is missing and no output gives them.",
                root.File, root.Line, "Add 'recipe:' with 'name:' and 'version:' at the top level.");
        return new Result(topRecipe, outputs.Count == 0 ? [] : OutputOrder.Sort(outputs, root.File));
    }

    /// <summary>The output's own section merged over the top level's, as one entry (none when neither has it).</summary>
    private static IEnumerable<V1Entry> Section(V1Mapping item, string key, V1Mapping? top)
    {
        var own = item.Entry(key);
        if (own is not null && own.Value is not V1Mapping && key != "source")
            throw V1Fields.Invalid(own, $"'{key}' must be a mapping of keys.", "Indent its keys below it.");
        if (key == "source") return own is null ? [] : [own];
        var merged = V1Merge.Merge(top, own?.Value as V1Mapping);
        return merged is null ? [] : [new V1Entry(key, merged, own?.Line ?? merged.Line)];
    }

    private static string? Inherit(V1Mapping item)
    {
        if (item.Entry("inherit") is not { } entry) return null;
        if (entry.Value is V1Scalar s) return s.Value;
        if (entry.Value is not V1Mapping m)
            throw V1Fields.Invalid(entry, "inherit must name the staging output, or be a mapping with from:.", "Write 'inherit: <staging name>'.");
        V1Fields.CheckKeys(m, "inherit", ["from", "run_exports"]);
        if (V1Fields.Bool(m, "run_exports") == false)
            throw V1Fields.NotSupported(m, "run_exports", "is false", "Remove it; an output takes the run_exports of its own requirements.");
        return V1Fields.String(m, "from");
    }

    private static RecipePackage Package(V1Mapping? package, V1Mapping owner, string section, string? defaultVersion)
    {
        if (package is null)
            throw new CondaRecipesException(V1ErrorCodes.PackageMissing, $"'{section}:' is missing.", owner.File, owner.Line,
                "Give 'package:' with 'name:' and 'version:'.");
        V1Fields.CheckKeys(package, section, ["name", "version"]);
        string? name = V1Fields.String(package, "name");
        string? version = V1Fields.String(package, "version") ?? defaultVersion;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(version))
            throw new CondaRecipesException(V1ErrorCodes.PackageMissing,
                $"{section}.{(string.IsNullOrWhiteSpace(name) ? "name" : "version")} is missing or empty.", package.File, package.Line,
                "Give the package a name and a version (an output may take the version from recipe.version).");
        return new RecipePackage(name.Trim(), version.Trim());
    }

    private static V1TestsNode? Tests(V1Mapping owner)
    {
        if (owner.Entry("tests") is not { } entry) return null;
        if (entry.Value is not V1Sequence seq)
            throw V1Fields.Invalid(entry, "tests: must be a list of tests.", "Write '- python:', '- script:', '- package_contents:' or '- downstream:' items.");
        return new V1TestsNode(seq, owner.File, entry.Line);
    }
}
