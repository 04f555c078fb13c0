using System.Text.Json.Nodes;

namespace CondaRecipes.Packaging;

/// <summary>
/// Everything written to a package's <c>info/</c> directory, as rendered from a recipe and a variant
/// (docs/package-format.md, "info/"). The archive contents themselves come from the package root on disk.
/// </summary>
public sealed record PackageMetadata
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Build { get; init; }
    public long BuildNumber { get; init; }
    public IReadOnlyList<string> Depends { get; init; } = [];
    public IReadOnlyList<string> Constrains { get; init; } = [];
    /// <summary><c>linux-64</c> etc.; forced to <c>noarch</c> when <see cref="Noarch"/> is set.</summary>
    public string Subdir { get; init; } = "linux-64";
    /// <summary><c>generic</c>, <c>python</c> or null.</summary>
    public string? Noarch { get; init; }
    public string? License { get; init; }
    public string? LicenseFamily { get; init; }
    public string? TrackFeatures { get; init; }
    /// <summary>Unix time in milliseconds (conda's unit).</summary>
    public long Timestamp { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public AboutInfo About { get; init; } = new();
    public RunExports RunExports { get; init; } = new();
    /// <summary>Console entry points (<c>name = module:func</c>) of a noarch python package, for link.json.</summary>
    public IReadOnlyList<string> EntryPoints { get; init; } = [];

    /// <summary>The rendered recipe, written as <c>info/recipe/meta.yaml</c>.</summary>
    public string? RenderedRecipe { get; init; }
    /// <summary>The recipe as written by its author, written as <c>info/recipe/meta.yaml.template</c>.</summary>
    public string? OriginalRecipe { get; init; }
    /// <summary>The names the rendered and the original recipe get in <c>info/recipe/</c>: conda-build's
    /// <c>meta.yaml</c> and <c>meta.yaml.template</c>, or for a v1 recipe rattler-build's <c>rendered_recipe.yaml</c> and <c>recipe.yaml</c>.</summary>
    public (string Rendered, string Original) RecipeFileNames { get; init; } = ("meta.yaml", "meta.yaml.template");
    /// <summary>Other recipe files (build.sh, patches, conda_build_config.yaml) copied to <c>info/recipe/</c>.</summary>
    public IReadOnlyList<MetadataFile> RecipeFiles { get; init; } = [];

    public TestSpec Test { get; init; } = new();

    /// <summary>A recipe.yaml output's rendered tests, written as <c>info/tests/tests.yaml</c>; null for none.</summary>
    public string? TestsYaml { get; init; }

    /// <summary>The variant keys that went into the build hash; written as <c>info/hash_input.json</c>.</summary>
    public IReadOnlyDictionary<string, string> HashInput { get; init; } = new Dictionary<string, string>();

    /// <summary>Package-relative paths or <c>fnmatch</c> globs of files conda must copy instead of linking
    /// (<c>no_link</c> in paths.json).</summary>
    public IReadOnlySet<string> NoLink { get; init; } = new HashSet<string>();

    /// <summary>The recipe's rules for which files conda rewrites the prefix in.</summary>
    public PrefixFileRules PrefixFiles { get; init; } = new();

    /// <summary><c>name-version-build</c>, the archive file name without extension.</summary>
    public string FileStem => $"{Name}-{Version}-{Build}";

    /// <summary>The subdir actually written: <c>noarch</c> for noarch packages.</summary>
    public string EffectiveSubdir => Noarch is null ? Subdir : "noarch";
}

/// <summary>A file copied into <c>info/</c>: <paramref name="SourcePath"/> on disk, <paramref name="RelativePath"/> under the target directory.</summary>
public sealed record MetadataFile(string SourcePath, string RelativePath);

/// <summary>The recipe's <c>about</c> section, written to <c>info/about.json</c>.</summary>
public sealed record AboutInfo
{
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public string? Home { get; init; }
    public string? DevUrl { get; init; }
    public string? DocUrl { get; init; }
    public string? License { get; init; }
    public string? LicenseFamily { get; init; }
    public string? LicenseFile { get; init; }
    /// <summary>Channels used for the build (conda-build records them).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
    /// <summary>Any other about keys (string values), written as they are.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}

/// <summary>The recipe's <c>build/run_exports</c>, written to <c>info/run_exports.json</c> when not empty.</summary>
public sealed record RunExports
{
    public IReadOnlyList<string> Weak { get; init; } = [];
    public IReadOnlyList<string> Strong { get; init; } = [];
    public IReadOnlyList<string> Noarch { get; init; } = [];
    public IReadOnlyList<string> WeakConstrains { get; init; } = [];
    public IReadOnlyList<string> StrongConstrains { get; init; } = [];

    public bool IsEmpty => Weak.Count + Strong.Count + Noarch.Count + WeakConstrains.Count + StrongConstrains.Count == 0;

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        void Add(string key, IReadOnlyList<string> values)
        {
            if (values.Count > 0) json[key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        Add("noarch", Noarch);
        Add("strong", Strong);
        Add("strong_constrains", StrongConstrains);
        Add("weak", Weak);
        Add("weak_constrains", WeakConstrains);
        return json;
    }
}

/// <summary>The recipe's <c>test</c> section, written under <c>info/test/</c> as conda-build does.</summary>
public sealed record TestSpec
{
    /// <summary>Shell commands; become <c>info/test/run_test.sh</c>.</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];
    /// <summary>Python modules to import; become the head of <c>info/test/run_test.py</c>.</summary>
    public IReadOnlyList<string> Imports { get; init; } = [];
    /// <summary>Test-time requirements; <c>info/test/test_time_dependencies.json</c>.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];
    /// <summary>The recipe's own <c>run_test.py</c>, appended after the imports.</summary>
    public string? RunTestPy { get; init; }
    /// <summary>The recipe's own <c>run_test.sh</c>, appended after the commands.</summary>
    public string? RunTestSh { get; init; }
    /// <summary>Other test files (<c>test/files</c>, <c>source_files</c>) copied under <c>info/test/</c>.</summary>
    public IReadOnlyList<MetadataFile> Files { get; init; } = [];
}
