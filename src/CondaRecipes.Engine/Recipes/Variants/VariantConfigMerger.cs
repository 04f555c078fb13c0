using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Recipes.Variants;

/// <summary>
/// Merges variant sources, lowest priority first, as conda-build's <c>combine_specs</c> does: a later source
/// replaces a key's values; keys in <c>extend_keys</c> (by default <c>pin_run_as_build</c>,
/// <c>ignore_version</c>, <c>ignore_build_only_deps</c>, <c>extend_keys</c>) are extended instead (lists united,
/// mappings updated); <c>zip_keys</c> groups of all sources are united. A source that sets only some keys of a
/// zipped group replaces them when the lengths still agree; otherwise its values must be a subset of the
/// earlier ones, and they then select among the variants (<see cref="VariantConfig.Selections"/>).
/// </summary>
public static class VariantConfigMerger
{
    public static VariantConfig Combine(IReadOnlyList<VariantConfigSpec> specs)
    {
        var extendKeys = new HashSet<string>(VariantDefaults.ExtendKeys, StringComparer.Ordinal);
        foreach (var spec in specs)
            if (spec.Lists.TryGetValue("extend_keys", out var more)) extendKeys.UnionWith(more);

        var zipGroups = new List<IReadOnlyList<string>>();
        foreach (var group in specs.SelectMany(s => s.ZipKeys))
            if (!zipGroups.Any(g => g.SequenceEqual(group))) zipGroups.Add(group);

        var order = new List<string>();
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var mappings = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        var origins = new Dictionary<string, (string, int)>(StringComparer.Ordinal);

        void Set(string key, IEnumerable<string> values, VariantConfigSpec spec)
        {
            if (!lists.ContainsKey(key) && !order.Contains(key)) order.Add(key);
            lists[key] = values.ToList();
            origins[key] = (spec.Source, spec.LineOf(key));
        }

        foreach (var spec in specs)
        {
            foreach (var key in spec.Keys)
            {
                if (key == VariantConfigSpec.ZipKeysKey) continue;
                if (spec.Mappings.TryGetValue(key, out var mapping))
                {
                    if (!extendKeys.Contains(key) && !VariantDefaults.PassthroughKeys.Contains(key))
                        throw new CondaRecipesException(MatrixErrorCodes.ConfigKeyInvalid,
                            $"The variant config key '{key}' is a mapping, which is not a value a variant can take.",
                            spec.Source, spec.LineOf(key),
                            "Give the key a value or a list of values; mappings are for pin_run_as_build and keys listed in extend_keys.");
                    if (extendKeys.Contains(key) && mappings.TryGetValue(key, out var existing))
                        foreach (var (k, v) in mapping) existing[k] = v;
                    else
                        mappings[key] = new Dictionary<string, object>(mapping, StringComparer.Ordinal);
                    origins[key] = (spec.Source, spec.LineOf(key));
                    continue;
                }

                var values = spec.Lists[key];
                if (extendKeys.Contains(key))
                {
                    Set(key, (lists.TryGetValue(key, out var old) ? old : []).Concat(values).Distinct(StringComparer.Ordinal), spec);
                    continue;
                }

                var group = zipGroups.FirstOrDefault(g => g.Contains(key)) ?? [key];
                if (group.All(spec.Lists.ContainsKey))
                {
                    var differing = group.FirstOrDefault(k => spec.Lists[k].Count != values.Count);
                    if (differing is not null)
                        throw new CondaRecipesException(MatrixErrorCodes.ZipLengthMismatch,
                            $"The zipped keys {key} ({values.Count} values) and {differing} ({spec.Lists[differing].Count} values) list different numbers of values.",
                            spec.Source, spec.LineOf(differing), "Zipped values pair up by position; give each key of the group the same number of values.");
                    Set(key, values, spec);
                }
                else if (lists.TryGetValue(key, out var earlier))
                {
                    bool sameLength = group.All(k =>
                        (!spec.Lists.TryGetValue(k, out var mine) || mine.Count == values.Count)
                        && (!lists.TryGetValue(k, out var theirs) || k == key || theirs.Count == values.Count));
                    if (sameLength)
                    {
                        Set(key, values, spec);
                    }
                    else if (values.FirstOrDefault(v => !earlier.Contains(v)) is { } missing)
                    {
                        throw new CondaRecipesException(MatrixErrorCodes.ConfigAmbiguousZipOverride,
                            $"'{key}' moves with {string.Join(", ", group.Where(k => k != key))}, but this file sets only some of them, " +
                            $"with another number of values, and '{missing}' is not among the earlier values of '{key}' ({string.Join(", ", earlier)}).",
                            spec.Source, spec.LineOf(key),
                            $"Set every key of the group ({string.Join(", ", group)}) with the same number of values, or pick values the earlier files list.");
                    }
                }
                else
                {
                    Set(key, values, spec);
                }
            }
        }

        var selections = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs.Where(s => s.Source != "defaults").Reverse())
            foreach (var key in spec.Keys)
                if (spec.Lists.TryGetValue(key, out var values) && !extendKeys.Contains(key)
                    && !VariantDefaults.PassthroughKeys.Contains(key) && seen.Add(key))
                    selections.Add(KeyValuePair.Create(key, values));

        return new VariantConfig
        {
            Keys = order.Where(k => !extendKeys.Contains(k) && !VariantDefaults.PassthroughKeys.Contains(k))
                .Select(k => KeyValuePair.Create(k, (IReadOnlyList<string>)lists[k])).ToList(),
            ZipGroups = zipGroups,
            Settings = ReadSettings(lists, mappings, origins),
            Selections = selections,
            Origins = origins,
        };
    }

    private static string? PinOrDefault(IReadOnlyDictionary<string, object> pin, string key, string fallback) =>
        !pin.TryGetValue(key, out var value) ? fallback
        : value is string text && text is not ("" or "null" or "~" or "None") ? text : null;

    private static VariantSettings ReadSettings(Dictionary<string, List<string>> lists,
        Dictionary<string, Dictionary<string, object>> mappings, Dictionary<string, (string Source, int Line)> origins)
    {
        var pins = new Dictionary<string, RunPin>(StringComparer.Ordinal);
        if (mappings.TryGetValue("pin_run_as_build", out var entries))
            foreach (var (name, value) in entries)
            {
                if (value is not IReadOnlyDictionary<string, object> pin
                    || pin.Keys.Any(k => k is not ("min_pin" or "max_pin")) || pin.Values.Any(v => v is not string))
                {
                    var (source, line) = origins["pin_run_as_build"];
                    throw new CondaRecipesException(MatrixErrorCodes.ConfigKeyInvalid,
                        $"pin_run_as_build entry '{name}' is not a mapping of min_pin and max_pin.", source, line,
                        $"Write it as '{name}: {{min_pin: x.x, max_pin: x.x}}'.");
                }
                // As conda-build passes the entry to apply_pin_expressions: a missing key takes that function's
                // default (every place for min_pin, 'x' for max_pin); only an explicit null means no bound.
                pins[name] = new RunPin(PinOrDefault(pin, "min_pin", "x.x.x.x.x.x.x"), PinOrDefault(pin, "max_pin", "x"));
            }
        return new VariantSettings
        {
            PinRunAsBuild = pins,
            IgnoreVersion = lists.GetValueOrDefault("ignore_version") ?? [],
            IgnoreBuildOnlyDeps = lists.GetValueOrDefault("ignore_build_only_deps") ?? [],
        };
    }
}
