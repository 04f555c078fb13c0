using System.Globalization;
using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Jinja;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Recipes.Yaml;

/// <summary>
/// Turns the rendered, selector-applied text of a meta.yaml into a <see cref="Recipe"/>. Uses YamlDotNet's
/// representation model so every node keeps its line, which the <see cref="LineMap"/> turns back into the
/// template line the user wrote.
/// </summary>
internal static class RecipeYamlReader
{
    /// <summary>Parses the text into its top-level mapping (null for an empty document).</summary>
    public static YamlMappingNode? Load(string text, string file, LineMap lineMap)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet raises YamlException for most faults, but InvalidOperationException from its scanner
            // for some unclosed flow collections: both are the recipe's YAML.
            int line = lineMap.ToTemplateLine(YamlErrorLine.Find(text, e));
            string reason = e switch
            {
                YamlException => (e.InnerException?.Message ?? e.Message).Trim(),
                _ => "a '[' or '{' is not closed",
            };
            throw new CondaRecipesException(RecipeErrorCodes.MalformedYaml,
                $"The recipe is not valid YAML after rendering: {reason}", file, line,
                "Check indentation (spaces, not tabs), the ':' after keys, closing brackets and quotes, and quoting around values that start with '{', '[', '*', '&', '!', '%' or '@'.", e);
        }
        if (stream.Documents.Count == 0) return null;
        var root = stream.Documents[0].RootNode;
        if (YamlFields.IsNull(root)) return null;
        if (root is not YamlMappingNode map)
            throw new CondaRecipesException(RecipeErrorCodes.MalformedYaml,
                "The recipe's top level must be a mapping of sections (package, source, build, ...).", file,
                lineMap.ToTemplateLine((int)root.Start.Line), "Start the recipe with 'package:' and its name and version.");
        return map;
    }

    /// <param name="versionFromSource">The render ran before the source was fetched and read values from it
    /// (conda-build's first pass): an empty name or version is expected then, and the render after the source
    /// stage gives the real one.</param>
    public static Recipe Read(YamlMappingNode? root, string file, LineMap lineMap, bool versionFromSource = false)
    {
        var y = new YamlFields(file, lineMap);
        return new Recipe
        {
            Package = ReadPackage(y, root, file, versionFromSource),
            Sources = ReadSources(y, y.Get(root, "source")),
            Build = ReadBuild(y, y.Mapping(y.Get(root, "build"), "build"), file),
            Requirements = ReadRequirements(y, y.Mapping(y.Get(root, "requirements"), "requirements")),
            Test = ReadTest(y, y.Mapping(y.Get(root, "test"), "test")),
            About = ReadAbout(y, y.Mapping(y.Get(root, "about"), "about")),
            Extra = y.Get(root, "extra") is { } extra && YamlFields.ToPlain(extra) is Dictionary<string, object?> d
                ? d : new Dictionary<string, object?>(),
        };
    }

    /// <summary>Reads only build/number, for the first rendering pass that resolves PKG_BUILDNUM.</summary>
    public static int ReadBuildNumber(YamlMappingNode? root, string file, LineMap lineMap)
    {
        var y = new YamlFields(file, lineMap);
        return ParseBuildNumber(y, y.Mapping(y.Get(root, "build"), "build"), file);
    }

    private static RecipePackage ReadPackage(YamlFields y, YamlMappingNode? root, string file, bool versionFromSource)
    {
        var package = y.Mapping(y.Get(root, "package"), "package");
        int line = y.KeyOf(root, "package") is { } key ? y.LineOf(key) : 0;
        string? name = y.String(y.Get(package, "name"), "package/name")?.Trim();
        if (versionFromSource && string.IsNullOrEmpty(name)) name = "";
        else if (string.IsNullOrEmpty(name))
            throw new CondaRecipesException(RecipeErrorCodes.PackageNameMissing,
                "The recipe has no package name (package/name is missing or empty).", file,
                y.Get(package, "name") is { } n ? y.LineOf(n) : line,
                "Add 'package:' with 'name: <lower-case name>' to meta.yaml.");
        CheckCharacters(PackageNameRules.Field.Name, name, file, y.Get(package, "name") is { } nameNode ? y.LineOf(nameNode) : line);
        string? version = y.String(y.Get(package, "version"), "package/version")?.Trim();
        // conda-build refuses a leading '.' only in the fully rendered version: before the source is fetched,
        // '{{ GIT_DESCRIBE_TAG }}.0' is '.0' and the render after the source stage gives the real one.
        if (version is { Length: > 0 } and not "None")
            CheckCharacters(PackageNameRules.Field.Version, versionFromSource ? version.TrimStart('.') : version, file,
                y.Get(package, "version") is { } versionNode ? y.LineOf(versionNode) : line);
        // With outputs, package/version is optional (each output may give its own), as in conda-build.
        if ((string.IsNullOrEmpty(version) || version == "None") && y.Get(root, "outputs") is YamlSequenceNode { Children.Count: > 0 })
            return new RecipePackage(name, "");
        if (versionFromSource && (string.IsNullOrEmpty(version) || version == "None")) return new RecipePackage(name, "");
        if (string.IsNullOrEmpty(version) || version == "None")
            throw new CondaRecipesException(RecipeErrorCodes.PackageVersionMissing,
                $"The recipe of '{name}' has no version (package/version is missing or empty" +
                (version == "None" ? ", it rendered to None" : "") + ").", file,
                y.Get(package, "version") is { } v ? y.LineOf(v) : line,
                "Set 'version:' under 'package:', e.g. version: {{ version }} after {% set version = \"1.2.3\" %}.");
        return new RecipePackage(name, version);
    }

    /// <summary>conda-build's character rules (<see cref="PackageNameRules"/>) for a name, version or build string, at the recipe's line.</summary>
    internal static void CheckCharacters(PackageNameRules.Field field, string value, string file, int line)
    {
        if (value.Length == 0 || PackageNameRules.Problem(field, value) is not { } problem) return;
        var (code, key) = field switch
        {
            PackageNameRules.Field.Name => (RecipeErrorCodes.PackageNameInvalid, "name"),
            PackageNameRules.Field.Version => (RecipeErrorCodes.PackageVersionInvalid, "version"),
            _ => (RecipeErrorCodes.BuildStringInvalid, "build/string"),
        };
        throw new CondaRecipesException(code, $"The {PackageNameRules.Describe(field)} '{value}' is not valid: {problem}.", file, line,
            field == PackageNameRules.Field.Version
                ? "Write the version without '-' or spaces (e.g. 1.2.3rc1 or 1.2.3_post1), as conda-build requires."
                : $"Fix '{key}' in the recipe; conda splits package file names on '-' and reads these characters as match-spec operators.");
    }

    private static IReadOnlyList<RecipeSource> ReadSources(YamlFields y, YamlNode? node)
    {
        if (YamlFields.IsNull(node)) return [];
        if (node is YamlMappingNode single) return [ReadSource(y, single, "source")];
        if (node is not YamlSequenceNode list) throw y.Invalid(node!, "source", "a mapping or a list of mappings");
        var sources = new List<RecipeSource>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            var child = list.Children[i];
            if (YamlFields.IsNull(child)) continue;
            if (child is not YamlMappingNode map) throw y.Invalid(child, $"source[{i}]", "a mapping");
            sources.Add(ReadSource(y, map, $"source[{i}]"));
        }
        return sources;
    }

    private static RecipeSource ReadSource(YamlFields y, YamlMappingNode map, string path)
    {
        string? depth = y.String(y.Get(map, "git_depth"), $"{path}/git_depth");
        int? gitDepth = null;
        if (depth is not null)
        {
            if (!int.TryParse(depth, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int d))
                throw y.Invalid(y.Get(map, "git_depth")!, $"{path}/git_depth", "an integer");
            gitDepth = d < 0 ? null : d; // conda-build uses -1 for "full clone"
        }
        return new RecipeSource
        {
            Path = y.String(y.Get(map, "path"), $"{path}/path"),
            Urls = y.StringList(y.Get(map, "url"), $"{path}/url"),
            Sha256 = y.String(y.Get(map, "sha256"), $"{path}/sha256"),
            Md5 = y.String(y.Get(map, "md5"), $"{path}/md5"),
            Sha1 = y.String(y.Get(map, "sha1"), $"{path}/sha1"),
            FileName = y.String(y.Get(map, "fn"), $"{path}/fn"),
            GitUrl = y.String(y.Get(map, "git_url"), $"{path}/git_url"),
            GitRev = y.String(y.Get(map, "git_rev"), $"{path}/git_rev") ?? y.String(y.Get(map, "git_tag"), $"{path}/git_tag"),
            GitDepth = gitDepth,
            Folder = y.String(y.Get(map, "folder"), $"{path}/folder"),
            Patches = y.StringList(y.Get(map, "patches"), $"{path}/patches"),
            Line = y.LineOf(map),
            RecipeFile = y.File,
        };
    }

    private static int ParseBuildNumber(YamlFields y, YamlMappingNode? build, string file)
    {
        var node = y.Get(build, "number");
        string? text = y.String(node, "build/number")?.Trim();
        if (text is null) return 0;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            throw new CondaRecipesException(RecipeErrorCodes.BuildNumberNotInteger,
                $"build/number must be a non-negative integer, but it is '{text}'.", file, y.LineOf(node!),
                "Write the build number as a whole number, e.g. 'number: 0' (or 1000 to win over channel builds).");
        return number;
    }

    private static RecipeBuild ReadBuild(YamlFields y, YamlMappingNode? b, string file)
    {
        var relocation = y.Get(b, "binary_relocation");
        bool relocate = true;
        IReadOnlyList<string> relocationGlobs = [];
        if (relocation is YamlSequenceNode) relocationGlobs = y.StringList(relocation, "build/binary_relocation");
        else relocate = y.Bool(relocation, "build/binary_relocation") ?? true;

        // ignore_prefix_files: true (every file) or a list of globs.
        var ignorePrefix = y.Get(b, "ignore_prefix_files");
        bool ignoreAllPrefix = false;
        IReadOnlyList<string> ignorePrefixGlobs = [];
        if (ignorePrefix is YamlSequenceNode) ignorePrefixGlobs = y.StringList(ignorePrefix, "build/ignore_prefix_files");
        else ignoreAllPrefix = y.Bool(ignorePrefix, "build/ignore_prefix_files") ?? false;

        string? noarch = y.String(y.Get(b, "noarch"), "build/noarch");
        // conda-build: noarch: false is an ordinary package, noarch: true a noarch one (conda reads it as generic).
        noarch = noarch switch { "false" or "False" => null, "true" or "True" => "generic", _ => noarch };
        if (noarch is null && y.Bool(y.Get(b, "noarch_python"), "build/noarch_python") == true) noarch = "python";

        if (y.Get(b, "string") is { } stringNode && y.String(stringNode, "build/string") is { Length: > 0 } buildString)
            CheckCharacters(PackageNameRules.Field.BuildString, buildString, file, y.LineOf(stringNode));
        return new RecipeBuild
        {
            Number = ParseBuildNumber(y, b, file),
            String = y.String(y.Get(b, "string"), "build/string") is { Length: > 0 } s ? s : null,
            Script = y.StringList(y.Get(b, "script"), "build/script"),
            ScriptEnv = y.StringList(y.Get(b, "script_env"), "build/script_env"),
            Rpaths = y.Get(b, "rpaths") is { } rp && !YamlFields.IsNull(rp) ? y.StringList(rp, "build/rpaths") : ["lib"],
            HostRunpathWhitelist = y.StringList(y.Get(b, "host_runpath_whitelist"), "build/host_runpath_whitelist"),
            MissingDsoWhitelist = Merged(y, b, "missing_dso_whitelist", "missing_dso_allowlist"),
            RunpathWhitelist = Merged(y, b, "runpath_whitelist", "runpath_allowlist"),
            BinaryRelocation = relocate,
            BinaryRelocationGlobs = relocationGlobs,
            RpathsPatcher = y.String(y.Get(b, "rpaths_patcher"), "build/rpaths_patcher"),
            Noarch = noarch,
            Skip = y.Bool(y.Get(b, "skip"), "build/skip") ?? false,
            RunExports = ReadRunExports(y, y.Get(b, "run_exports")),
            IgnoreRunExports = y.StringList(y.Get(b, "ignore_run_exports"), "build/ignore_run_exports"),
            IgnoreRunExportsFrom = y.StringList(y.Get(b, "ignore_run_exports_from"), "build/ignore_run_exports_from"),
            HasPrefixFiles = y.StringList(y.Get(b, "has_prefix_files"), "build/has_prefix_files"),
            BinaryHasPrefixFiles = y.StringList(y.Get(b, "binary_has_prefix_files"), "build/binary_has_prefix_files"),
            NoLink = y.StringList(y.Get(b, "no_link"), "build/no_link"),
            EntryPoints = y.StringList(y.Get(b, "entry_points"), "build/entry_points"),
            DetectBinaryFilesWithPrefix = y.Bool(y.Get(b, "detect_binary_files_with_prefix"), "build/detect_binary_files_with_prefix"),
            IgnorePrefixFiles = ignorePrefixGlobs,
            IgnoreAllPrefixFiles = ignoreAllPrefix,
            SkipCompilePyc = y.StringList(y.Get(b, "skip_compile_pyc"), "build/skip_compile_pyc"),
        };
    }

    private static IReadOnlyList<string> Merged(YamlFields y, YamlMappingNode? b, string oldName, string newName) =>
        y.StringList(y.Get(b, oldName), $"build/{oldName}")
            .Concat(y.StringList(y.Get(b, newName), $"build/{newName}"))
            .Distinct(StringComparer.Ordinal).ToList();

    private static RunExports ReadRunExports(YamlFields y, YamlNode? node)
    {
        if (YamlFields.IsNull(node)) return new RunExports();
        if (node is not YamlMappingNode map) return new RunExports { Weak = y.StringList(node, "build/run_exports") };
        return new RunExports
        {
            Weak = y.StringList(y.Get(map, "weak"), "build/run_exports/weak"),
            Strong = y.StringList(y.Get(map, "strong"), "build/run_exports/strong"),
            Noarch = y.StringList(y.Get(map, "noarch"), "build/run_exports/noarch"),
            WeakConstrains = y.StringList(y.Get(map, "weak_constrains"), "build/run_exports/weak_constrains"),
            StrongConstrains = y.StringList(y.Get(map, "strong_constrains"), "build/run_exports/strong_constrains"),
        };
    }

    private static RecipeRequirements ReadRequirements(YamlFields y, YamlMappingNode? r)
    {
        IReadOnlyList<RecipeRequirement> List(string key) =>
            y.Items(y.Get(r, key), $"requirements/{key}").Select(i => new RecipeRequirement(i.Value.Trim(), i.Line)).ToList();
        return new RecipeRequirements
        {
            Build = List("build"),
            Host = List("host"),
            Run = List("run"),
            RunConstrained = List("run_constrained"),
            HasHostSection = y.Get(r, "host") is not null,
        };
    }

    private static RecipeTest ReadTest(YamlFields y, YamlMappingNode? t) => new()
    {
        Imports = y.StringList(y.Get(t, "imports"), "test/imports"),
        Commands = y.StringList(y.Get(t, "commands"), "test/commands"),
        Requires = y.StringList(y.Get(t, "requires"), "test/requires"),
        SourceFiles = y.StringList(y.Get(t, "source_files"), "test/source_files"),
        Files = y.StringList(y.Get(t, "files"), "test/files"),
        Script = y.String(y.Get(t, "script"), "test/script"),
    };

    private static RecipeAbout ReadAbout(YamlFields y, YamlMappingNode? a) => new()
    {
        Home = y.String(y.Get(a, "home"), "about/home"),
        License = y.String(y.Get(a, "license"), "about/license"),
        LicenseFamily = y.String(y.Get(a, "license_family"), "about/license_family"),
        LicenseFiles = y.StringList(y.Get(a, "license_file"), "about/license_file"),
        Summary = y.String(y.Get(a, "summary"), "about/summary"),
        Description = y.String(y.Get(a, "description"), "about/description"),
        DevUrl = y.String(y.Get(a, "dev_url"), "about/dev_url"),
        DocUrl = y.String(y.Get(a, "doc_url"), "about/doc_url"),
    };
}
