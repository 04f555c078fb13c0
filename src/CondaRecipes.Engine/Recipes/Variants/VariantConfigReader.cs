using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.Selectors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// Reads one <c>conda_build_config.yaml</c> as conda-build's <c>parse_config_file</c> does: line selectors
/// first (<c># [linux]</c>, evaluated for the target platform with the build's environment), then YAML with
/// every scalar kept as text; keys whose value is empty are dropped. Like conda-build, Jinja is not rendered
/// in these files. Then the checks of conda-build's <c>validate_spec</c>: no '-' in a key, a well-formed
/// <c>zip_keys</c>, every zipped key set in the same file, in one group only, and with as many values as
/// the others of its group.
/// </summary>
public static class VariantConfigReader
{
    public static VariantConfigSpec Read(string path, RenderContext context)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new CondaRecipesException(MatrixErrorCodes.ConfigFileMissing,
                $"The variant config file '{full}' does not exist.", full, 0,
                "Check the CondaVariantConfig item or the CondaVariantConfigFiles property (relative paths are taken from the project's directory).");
        string text = File.ReadAllText(full);
        // rattler-build's variants.yaml may select values with if/then/else items; resolved before reading.
        if (Path.GetFileName(full) == "variants.yaml") text = V1.V1VariantsFile.Resolve(text, full, context);
        return Parse(text, full, context);
    }

    public static VariantConfigSpec Parse(string text, string source, RenderContext context)
    {
        var root = LoadSelected(text, source, context);
        var spec = new VariantConfigSpec(source);
        if (root is null) return spec;
        foreach (var (keyNode, value) in root.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? "";
            int line = (int)keyNode.Start.Line;
            if (key.Contains('-'))
                throw Invalid(source, line, $"The variant config key '{key}' contains '-'.",
                    "conda-build forbids '-' in keys: write '_' instead (the key of package 'r-base' is 'r_base').");
            if (key == VariantConfigSpec.ZipKeysKey)
                ReadZipKeys(spec, value, source);
            else if (value is YamlMappingNode mapping)
                spec.SetMapping(key, ReadMapping(mapping, source), line);
            else if (ReadList(value, key, source) is { Count: > 0 } list)
                spec.SetList(key, list, line);
        }
        Validate(spec);
        return spec;
    }

    /// <summary>
    /// The file's top-level mapping as this reader sees it, before any value is read: line selectors applied (for the
    /// target platform, with the build's environment) and a repeated top-level key's last block kept.
    /// </summary>
    public static YamlMappingNode? LoadSelected(string text, string source, RenderContext context)
    {
        string selected;
        try
        {
            var environ = new JinjaEnviron(context.Environment);
            var lines = text.Replace("\r\n", "\n").Split('\n').Length;
            selected = LineSelectors.Apply(text.Replace("\r\n", "\n"), SelectorNamespace.Build(context, environ),
                new LineMap(Enumerable.Range(1, lines).ToList())).Text;
        }
        catch (TemplateError e)
        {
            throw new CondaRecipesException(e.Code, e.Message, source, e.Line, e.Hint, e);
        }
        return Load(selected, source);
    }

    private static YamlMappingNode? Load(string text, string source)
    {
        var stream = new YamlStream();
        var kept = DuplicateTopLevelKeys.KeepLast(text).Text;
        try
        {
            stream.Load(new StringReader(kept));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // InvalidOperationException: YamlDotNet's scanner on some unclosed '[' or '{'.
            throw new CondaRecipesException(MatrixErrorCodes.ConfigYamlInvalid,
                $"The variant config file is not valid YAML: {(e is YamlException ? (e.InnerException?.Message ?? e.Message).Trim() : "a '[' or '{' is not closed")}",
                source, Yaml.YamlErrorLine.Find(kept, e), "Fix the YAML at that line (keys with lists of values, e.g. 'mpi:' then '  - openmpi').");
        }
        if (stream.Documents.Count == 0) return null;
        return stream.Documents[0].RootNode switch
        {
            YamlMappingNode m => m,
            YamlScalarNode { Value: null or "" } => null,
            var other => throw new CondaRecipesException(MatrixErrorCodes.ConfigYamlInvalid,
                "The variant config file's top level is not a mapping of keys to values.", source, (int)other.Start.Line,
                "Write one key per line at the top level, each with a value or a list of values."),
        };
    }

    private static List<string> ReadList(YamlNode node, string key, string source) => node switch
    {
        YamlScalarNode s => s.Value is null or "" && s.Style == ScalarStyle.Plain ? [] : [s.Value ?? ""],
        YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode s ? s.Value ?? ""
            : throw Invalid(source, (int)c.Start.Line,
                $"The variant config key '{key}' lists a {(c is YamlMappingNode ? "mapping" : "list")}; its values must be scalars.",
                "List one value per item ('- 1.26'); for keys that move together use zip_keys.")).ToList(),
        _ => throw Invalid(source, (int)node.Start.Line, $"The variant config key '{key}' has a value of an unknown kind.",
            "Give a value or a list of values."),
    };

    private static Dictionary<string, object> ReadMapping(YamlMappingNode mapping, string source)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            string key = ((YamlScalarNode)k).Value ?? "";
            result[key] = v switch
            {
                YamlMappingNode m => ReadMapping(m, source),
                YamlScalarNode s => s.Value ?? "",
                // Under a mapping key (replacements/all_replacements) conda-build keeps lists of mappings as they
                // are; they configure the build and are never variant values.
                YamlSequenceNode seq when seq.Children.Any(c => c is not YamlScalarNode) =>
                    seq.Children.Select(c => c switch
                    {
                        YamlMappingNode m => (object)ReadMapping(m, source),
                        YamlScalarNode s => s.Value ?? "",
                        _ => ReadList(c, key, source),
                    }).ToList(),
                _ => ReadList(v, key, source),
            };
        }
        return result;
    }

    private static void ReadZipKeys(VariantConfigSpec spec, YamlNode value, string source)
    {
        const string hint = "Write zip_keys as a list of groups, each a list of keys: 'zip_keys:' then '  - [python, numpy]'.";
        int line = (int)value.Start.Line;
        if (value is YamlScalarNode { Value: null or "" }) return;
        if (value is not YamlSequenceNode groups)
            throw Invalid(source, line, "zip_keys is not a list.", hint);
        if (groups.Children.All(g => g is YamlScalarNode))
        {
            spec.ZipKeys.Add(groups.Children.Select(g => ((YamlScalarNode)g).Value ?? "").ToList());
        }
        else
        {
            foreach (var group in groups.Children)
            {
                if (group is not YamlSequenceNode keys || keys.Children.Any(k => k is not YamlScalarNode))
                    throw Invalid(source, (int)group.Start.Line, "zip_keys mixes keys and groups, or a group is not a list of keys.", hint);
                if (keys.Children.Count > 0)
                    spec.ZipKeys.Add(keys.Children.Select(k => ((YamlScalarNode)k).Value ?? "").ToList());
            }
        }
        if (!spec.Keys.Contains(VariantConfigSpec.ZipKeysKey)) spec.Keys.Add(VariantConfigSpec.ZipKeysKey);
        spec.Lines[VariantConfigSpec.ZipKeysKey] = line;
    }

    private static void Validate(VariantConfigSpec spec)
    {
        int zipLine = spec.LineOf(VariantConfigSpec.ZipKeysKey);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in spec.ZipKeys)
        {
            foreach (var key in group)
            {
                if (!spec.Lists.ContainsKey(key))
                    throw new CondaRecipesException(MatrixErrorCodes.ConfigZipKeyUndefined,
                        $"zip_keys names '{key}' (group [{string.Join(", ", group)}]), but this file gives it no values.",
                        spec.Source, zipLine, "Set every zipped key in the file that zips it, or remove it from the group.");
                if (!seen.Add(key))
                    throw new CondaRecipesException(MatrixErrorCodes.ConfigZipKeyUndefined,
                        $"zip_keys names '{key}' in more than one group.", spec.Source, zipLine,
                        "A key can move with one group only; merge the groups.");
            }
            var lengths = group.Select(k => spec.Lists[k].Count).Distinct().ToList();
            if (lengths.Count > 1)
                throw new CondaRecipesException(MatrixErrorCodes.ZipLengthMismatch,
                    $"The zipped keys {string.Join(", ", group.Select(k => $"{k} ({spec.Lists[k].Count} values)"))} list different numbers of values.",
                    spec.Source, spec.LineOf(group.First(k => spec.Lists[k].Count != spec.Lists[group[0]].Count)),
                    "Zipped values pair up by position; give each key of the group the same number of values.");
        }
    }

    private static CondaRecipesException Invalid(string source, int line, string message, string hint) =>
        new(MatrixErrorCodes.ConfigKeyInvalid, message, source, line, hint);
}
