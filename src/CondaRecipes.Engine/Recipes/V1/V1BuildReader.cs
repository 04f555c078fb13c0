using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// <c>build:</c> onto the engine's <see cref="RecipeBuild"/> (and an output's <see cref="OutputFiles"/>):
/// number, string, script, noarch, skip (a condition, a list of conditions, or a bool), <c>python</c>
/// (entry_points, skip_pyc_compilation), <c>dynamic_linking</c> (rpaths, binary_relocation,
/// rpath_allowlist — kept RPATH entries outside the prefix, merged with the site's list by the relocation
/// stage —, missing_dso_allowlist), <c>prefix_detection</c> (ignore, ignore_binary_files),
/// <c>always_copy_files</c>, <c>files</c>. Keys whose behaviour the engine lacks are coded errors.
/// </summary>
internal static class V1BuildReader
{
    private static readonly string[] Known =
        ["number", "string", "script", "noarch", "python", "skip", "dynamic_linking", "prefix_detection", "files",
         "always_copy_files", "always_include_files", "merge_build_and_host_envs", "variant", "post_process", "steps"];

    public sealed record Result(RecipeBuild Build, OutputFiles? Files, V1Script Script);

    public static Result Read(V1Mapping? build, string recipeDir, V1Expressions expressions)
    {
        if (build is null) return new Result(new RecipeBuild(), null, V1Script.None);
        V1Fields.CheckKeys(build, "build", Known);
        foreach (var key in new[] { "always_include_files", "post_process", "steps" })
            if (build.Entry(key) is not null)
                throw V1Fields.NotSupported(build, key, "is set", "Remove it; do the work in the build script.");
        if (V1Fields.Bool(build, "merge_build_and_host_envs") == true)
            throw V1Fields.NotSupported(build, "merge_build_and_host_envs", "is true", "Keep build and host apart (the engine always does).");
        if (V1Fields.Mapping(build, "variant") is { } variant && variant.Entries.Count > 0)
            throw V1Fields.NotSupported(build, "variant", "changes which variant keys count (use_keys, ignore_keys, down_prioritize_variant)",
                "Remove build.variant; the variant variables the recipe names are the ones that count.");

        string? noarch = V1Fields.String(build, "noarch");
        if (noarch is not null and not "python" and not "generic")
            throw V1Fields.Invalid(build.Entry("noarch")!, $"noarch is '{noarch}'; it must be python or generic.", "Write noarch: python or noarch: generic.");
        var python = V1Fields.Mapping(build, "python");
        if (python is not null)
        {
            V1Fields.CheckKeys(python, "build.python", ["entry_points", "skip_pyc_compilation", "use_python_app_entrypoint", "version_independent", "site_packages_path"]);
            if (V1Fields.Bool(python, "use_python_app_entrypoint") == true)
                throw V1Fields.NotSupported(python, "use_python_app_entrypoint", "is true", "Remove it; entry points run with the environment's python.");
            if (V1Fields.Bool(python, "version_independent") == true)
                throw V1Fields.NotSupported(python, "version_independent", "is true", "Use noarch: python, or build per Python version.");
            if (python.Entry("site_packages_path") is not null)
                throw V1Fields.NotSupported(python, "site_packages_path", "is set", "Remove it; the interpreter's site-packages is used.");
        }
        var linking = V1Fields.Mapping(build, "dynamic_linking");
        var (relocate, relocateGlobs) = BinaryRelocation(linking);
        var (ignoreAll, ignoreGlobs, detectBinary) = PrefixDetection(V1Fields.Mapping(build, "prefix_detection"));
        var script = V1Script.Read(build, recipeDir);
        var recipeBuild = new RecipeBuild
        {
            Number = V1Fields.Int(build, "number") ?? 0,
            String = V1Fields.String(build, "string"),
            Script = script.Lines,
            ScriptEnv = script.Env,
            Noarch = noarch,
            Skip = Skip(build, expressions),
            EntryPoints = V1Fields.List(python, "entry_points"),
            SkipCompilePyc = V1Fields.List(python, "skip_pyc_compilation"),
            Rpaths = linking?.Entry("rpaths") is not null ? V1Fields.List(linking, "rpaths") : ["lib"],
            HostRunpathWhitelist = V1Fields.List(linking, "rpath_allowlist"),
            MissingDsoWhitelist = V1Fields.List(linking, "missing_dso_allowlist"),
            BinaryRelocation = relocate,
            BinaryRelocationGlobs = relocateGlobs,
            IgnoreAllPrefixFiles = ignoreAll,
            IgnorePrefixFiles = ignoreGlobs,
            DetectBinaryFilesWithPrefix = detectBinary,
            NoLink = V1Fields.List(build, "always_copy_files"),
        };
        return new Result(recipeBuild, Files(build), script);
    }

    /// <summary>rattler-build skips when any condition holds: <c>skip: [win, match(python, "&lt;3.10")]</c> or <c>skip: true</c>.</summary>
    private static bool Skip(V1Mapping build, V1Expressions expressions)
    {
        if (build.Entry("skip") is not { } entry) return false;
        var conditions = entry.Value switch
        {
            V1Scalar s => [s],
            V1Sequence seq => seq.Items,
            _ => throw V1Fields.Invalid(entry, "skip must be a condition or a list of conditions.", "Write skip: [win, match(python, \"<3.10\")]."),
        };
        return conditions.Any(c => c is V1Scalar { Value: { } text } ? expressions.Condition(text, c.Line)
            : throw new CondaRecipesException(V1ErrorCodes.ValueInvalid, "A skip condition is not a single expression.", c.File, c.Line,
                "List one condition per item."));
    }

    private static (bool, IReadOnlyList<string>) BinaryRelocation(V1Mapping? linking)
    {
        if (linking is null) return (true, []);
        V1Fields.CheckKeys(linking, "build.dynamic_linking",
            ["rpaths", "binary_relocation", "missing_dso_allowlist", "rpath_allowlist", "overdepending_behavior", "overlinking_behavior"]);
        foreach (var key in new[] { "overdepending_behavior", "overlinking_behavior" })
            if (V1Fields.String(linking, key) is { } behaviour && behaviour != "ignore")
                throw V1Fields.NotSupported(linking, key, $"is '{behaviour}'",
                    "The engine's linkage check fails on libraries it cannot find (allow them with missing_dso_allowlist); remove this key.");
        if (linking.Entry("binary_relocation") is not { } entry) return (true, []);
        if (entry.Value is V1Scalar s) return (V1Fields.Bool(linking, "binary_relocation") ?? true, []);
        return (true, V1Fields.List(linking, "binary_relocation"));
    }

    private static (bool IgnoreAll, IReadOnlyList<string> Ignore, bool? DetectBinary) PrefixDetection(V1Mapping? detection)
    {
        if (detection is null) return (false, [], null);
        V1Fields.CheckKeys(detection, "build.prefix_detection", ["force_file_type", "ignore", "ignore_binary_files"]);
        if (detection.Entry("force_file_type") is not null)
            throw V1Fields.NotSupported(detection, "force_file_type", "forces text or binary mode on files",
                "Remove it; the engine decides text or binary by content, as conda-build does.");
        bool? detectBinary = V1Fields.Bool(detection, "ignore_binary_files") is { } ignoreBinary ? !ignoreBinary : null;
        if (detection.Entry("ignore") is not { } ignore) return (false, [], detectBinary);
        return ignore.Value is V1Scalar ? (V1Fields.Bool(detection, "ignore") ?? false, [], detectBinary)
            : (false, V1Fields.List(detection, "ignore"), detectBinary);
    }

    /// <summary><c>files</c>: a list of globs, or <c>include</c>/<c>exclude</c>.</summary>
    private static OutputFiles? Files(V1Mapping build)
    {
        if (build.Entry("files") is not { } entry) return null;
        if (entry.Value is V1Mapping m)
        {
            V1Fields.CheckKeys(m, "build.files", ["include", "exclude"]);
            // Without include, rattler-build takes every file and removes the excluded ones.
            var include = V1Fields.List(m, "include");
            return new OutputFiles { IsIncludeExclude = true, Include = include.Count > 0 ? include : ["**"], Exclude = V1Fields.List(m, "exclude") };
        }
        return new OutputFiles { Globs = V1Fields.List(build, "files") };
    }
}
