using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Yaml;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.Outputs;

/// <summary>
/// Reads the <c>outputs</c> section and gives each output the sections conda-build gives it
/// (<c>get_output_metadata</c>, <c>combine_top_level_metadata_with_output</c>): an output named like the top
/// level merges the top level's requirements, build and about under its own keys; any other output has only
/// its own requirements, its own build section (or the top level's without script, entry points, run_exports
/// and noarch), its own test (or the top level's without commands and imports) and its own about (or the
/// top level's). A plain list of requirements means host and run. The merge is done on the YAML nodes, so
/// every value keeps the template line it came from.
/// </summary>
internal static class OutputsReader
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "name", "version", "number", "string", "script", "script_interpreter", "build", "requirements", "test",
        "about", "extra", "files", "type", "run_exports", "entry_points", "noarch",
    };

    public static bool HasOutputs(YamlMappingNode? root, string file, LineMap lineMap) =>
        new YamlFields(file, lineMap).Get(root, "outputs") is YamlSequenceNode { Children.Count: > 0 };

    /// <summary>The outputs, in the order their requirements on each other give (conda-build's toposort).</summary>
    public static IReadOnlyList<RecipeOutput> Read(YamlMappingNode root, Recipe top, string file, LineMap lineMap, string templateText)
    {
        var y = new YamlFields(file, lineMap);
        var node = y.Get(root, "outputs");
        if (YamlFields.IsNull(node) || node is YamlSequenceNode { Children.Count: 0 })
            return [Implicit(top, root, y)];
        if (node is not YamlSequenceNode list)
            throw new CondaRecipesException(OutputErrorCodes.OutputInvalid,
                "'outputs' must be a list of mappings, each with a name.", file, y.LineOf(node!),
                "Write each output as a list item: 'outputs:' then '  - name: libfoo'.");

        var outputs = new List<RecipeOutput>();
        foreach (var child in list.Children)
        {
            if (YamlFields.IsNull(child)) continue;
            if (child is not YamlMappingNode output)
                throw new CondaRecipesException(OutputErrorCodes.OutputInvalid,
                    "Each entry of 'outputs' must be a mapping with a name.", file, y.LineOf(child), "Start the entry with '- name: <package>'.");
            outputs.Add(ReadOne(y, root, output, top, file, lineMap));
        }
        if (outputs.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new CondaRecipesException(OutputErrorCodes.OutputInvalid,
                $"Two outputs are named '{twice.Key}'.", file, twice.Last().Line, "Give each output its own name.");
        if (UsesSubpackage(top, outputs, templateText) && outputs.All(o => o.Name != top.Package.Name))
            outputs.Add(new RecipeOutput
            {
                Name = top.Package.Name, Recipe = top, Kind = OutputKind.TopLevelMetapackage,
                Line = y.KeyOf(root, "package") is { } k ? y.LineOf(k) : 0,
            });
        return OutputOrder.Sort(outputs, file, top);
    }

    private static RecipeOutput Implicit(Recipe top, YamlMappingNode root, YamlFields y) => new()
    {
        Name = top.Package.Name, Recipe = top, Kind = OutputKind.Implicit,
        Line = y.KeyOf(root, "package") is { } k ? y.LineOf(k) : 0,
    };

    private static RecipeOutput ReadOne(YamlFields y, YamlMappingNode root, YamlMappingNode output, Recipe top, string file, LineMap lineMap)
    {
        int line = y.LineOf(output);
        foreach (var (key, value) in output.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? "";
            if (!Supported.Contains(name))
                throw new CondaRecipesException(OutputErrorCodes.OutputKeyUnsupported,
                    $"The output key '{name}' is not supported by the native engine.", file, y.LineOf(key),
                    "Remove the key, or build the recipe with the conda-build engine (CondaEngine=conda-build).");
        }
        string? outName = y.String(y.Get(output, "name"), "outputs/name")?.Trim();
        if (string.IsNullOrEmpty(outName))
            throw new CondaRecipesException(OutputErrorCodes.OutputInvalid, "An output has no name.", file, line,
                "Give every output a 'name:'.");
        RecipeYamlReader.CheckCharacters(PackageNameRules.Field.Name, outName, file, y.LineOf(y.Get(output, "name")!));
        string type = y.String(y.Get(output, "type"), "outputs/type") ?? "conda";
        if (type is not ("conda" or "conda_v2"))
            throw new CondaRecipesException(OutputErrorCodes.OutputTypeUnsupported,
                $"The output '{outName}' has type '{type}'; the native engine builds only conda packages.", file,
                y.LineOf(y.Get(output, "type")!), "Remove 'type:' (conda packages) or build with the conda-build engine.");

        bool sameName = outName == top.Package.Name;
        string? version = y.String(y.Get(output, "version"), "outputs/version")?.Trim();
        if (version is { Length: > 0 } and not "None")
            RecipeYamlReader.CheckCharacters(PackageNameRules.Field.Version, version, file, y.LineOf(y.Get(output, "version")!));
        if (string.IsNullOrEmpty(version) || version == "None") version = top.Package.Version;
        if (version.Length == 0)
            throw new CondaRecipesException(RecipeErrorCodes.PackageVersionMissing,
                $"The output '{outName}' has no version, and the recipe has no package/version to inherit.", file, line,
                "Give the output a 'version:', or set package/version.");
        var recipe = RecipeYamlReader.Read(Effective(y, root, output, outName, sameName), file, lineMap);

        var ownBuild = y.Mapping(y.Get(output, "build"), "outputs/build");
        string? script = y.String(y.Get(output, "script"), "outputs/script");
        return new RecipeOutput
        {
            Name = outName, Recipe = recipe, Kind = sameName ? OutputKind.TopLevelName : OutputKind.Listed,
            Script = script,
            // conda-build runs an output's build/script as its script (output_script.sh) when it has no script file.
            ScriptLines = script is null ? y.StringList(y.Get(ownBuild, "script"), "outputs/build/script") : [],
            ScriptInterpreter = y.String(y.Get(output, "script_interpreter"), "outputs/script_interpreter"),
            Files = ReadFiles(y, y.Get(output, "files")),
            Line = line,
        };
    }

    /// <summary>The output as a top-level recipe mapping: package, source, build, requirements, test, about, extra.</summary>
    private static YamlMappingNode Effective(YamlFields y, YamlMappingNode root, YamlMappingNode output, string name, bool sameName)
    {
        var topBuild = y.Mapping(y.Get(root, "build"), "build");
        var topPackage = y.Mapping(y.Get(root, "package"), "package");
        var package = new YamlMappingNode { { "name", new YamlScalarNode(name) } };
        if (y.Get(output, "version") is { } v && !YamlFields.IsNull(v)) package.Add("version", v);
        else if (y.Get(topPackage, "version") is { } tv) package.Add("version", tv);

        var requirements = Requirements(y, y.Get(output, "requirements"), name);
        YamlMappingNode? build, about, test;
        if (sameName)
        {
            requirements = Merge(requirements, y.Mapping(y.Get(root, "requirements"), "requirements"));
            build = Merge(y.Mapping(y.Get(output, "build"), "outputs/build"), topBuild);
            about = Merge(y.Mapping(y.Get(output, "about"), "outputs/about"), y.Mapping(y.Get(root, "about"), "about"));
            test = y.Mapping(y.Get(output, "test"), "outputs/test") ?? y.Mapping(y.Get(root, "test"), "test");
        }
        else
        {
            build = y.Mapping(y.Get(output, "build"), "outputs/build") ?? InheritedBuild(topBuild, output, y);
            if (y.Get(build, "number") is null && (y.Get(output, "number") ?? y.Get(topBuild, "number")) is { } number)
                build = Merge(new YamlMappingNode { { "number", number } }, build);
            about = y.Mapping(y.Get(output, "about"), "outputs/about") ?? y.Mapping(y.Get(root, "about"), "about");
            test = y.Mapping(y.Get(output, "test"), "outputs/test") ?? Without(y.Mapping(y.Get(root, "test"), "test"), "commands", "imports");
        }
        var effective = new YamlMappingNode { { "package", package } };
        if (y.Get(root, "source") is { } source) effective.Add("source", source);
        if (build is not null) effective.Add("build", build);
        if (requirements is not null) effective.Add("requirements", requirements);
        if (test is not null) effective.Add("test", test);
        if (about is not null) effective.Add("about", about);
        if (y.Get(root, "extra") is { } extra) effective.Add("extra", extra);
        return effective;
    }

    /// <summary>The top level's build section for an output without one: no script, entry points, run_exports or
    /// noarch of the top level; the output's own legacy keys (number, string, run_exports, entry_points, noarch).</summary>
    private static YamlMappingNode? InheritedBuild(YamlMappingNode? topBuild, YamlMappingNode output, YamlFields y)
    {
        var build = Without(topBuild, "script", "entry_points", "run_exports", "noarch", "noarch_python") ?? new YamlMappingNode();
        foreach (var key in new[] { "number", "string", "run_exports", "entry_points", "noarch" })
            if (y.Get(output, key) is { } value)
            {
                build.Children.Remove(new YamlScalarNode(key));
                build.Add(key, value);
            }
        return build;
    }

    /// <summary>An output's requirements as a mapping (a plain list is host and run), without the output itself.</summary>
    private static YamlMappingNode? Requirements(YamlFields y, YamlNode? node, string self)
    {
        if (YamlFields.IsNull(node)) return null;
        YamlMappingNode map;
        if (node is YamlMappingNode m) map = m;
        else
        {
            var list = node as YamlSequenceNode ?? new YamlSequenceNode(node!);
            map = new YamlMappingNode { { "host", list }, { "run", list } };
        }
        var result = new YamlMappingNode();
        foreach (var (key, value) in map.Children)
            result.Add(key, value is YamlSequenceNode seq
                ? new YamlSequenceNode(seq.Children.Where(c => !(c is YamlScalarNode s && NameOf(s.Value) == self)))
                : value);
        return result;
    }

    private static string NameOf(string? spec) => (spec ?? "").Trim().Split(' ', 2)[0];

    /// <summary>The keys of <paramref name="first"/>, then those of <paramref name="second"/> it lacks.</summary>
    private static YamlMappingNode? Merge(YamlMappingNode? first, YamlMappingNode? second)
    {
        if (first is null) return second;
        if (second is null) return first;
        var merged = new YamlMappingNode();
        foreach (var (k, v) in first.Children) merged.Add(k, v);
        foreach (var (k, v) in second.Children)
            if (!merged.Children.ContainsKey(k)) merged.Add(k, v);
        return merged;
    }

    private static YamlMappingNode? Without(YamlMappingNode? map, params string[] keys)
    {
        if (map is null) return null;
        var copy = new YamlMappingNode();
        foreach (var (k, v) in map.Children)
            if (!(k is YamlScalarNode s && keys.Contains(s.Value))) copy.Add(k, v);
        return copy;
    }

    private static OutputFiles? ReadFiles(YamlFields y, YamlNode? node)
    {
        if (YamlFields.IsNull(node)) return null;
        if (node is YamlMappingNode map)
            return new OutputFiles
            {
                Include = y.StringList(y.Get(map, "include"), "outputs/files/include"),
                Exclude = y.StringList(y.Get(map, "exclude"), "outputs/files/exclude"),
                IsIncludeExclude = true,
            };
        return new OutputFiles { Globs = y.StringList(node, "outputs/files") };
    }

    /// <summary>conda-build's <c>uses_subpackage</c>: the top level's run requirements name an output, or its
    /// requirements call pin_subpackage.</summary>
    private static bool UsesSubpackage(Recipe top, IReadOnlyList<RecipeOutput> outputs, string templateText)
    {
        var names = outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        if (top.Requirements.Run.Any(r => names.Contains(r.Name))) return true;
        var lines = templateText.Split('\n');
        return top.Requirements.Build.Concat(top.Requirements.Host).Concat(top.Requirements.Run)
            .Any(r => r.Line > 0 && r.Line <= lines.Length && lines[r.Line - 1].Contains("pin_subpackage(", StringComparison.Ordinal));
    }
}
