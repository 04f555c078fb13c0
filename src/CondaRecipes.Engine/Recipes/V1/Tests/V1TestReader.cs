using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.V1.Tests;

/// <summary>
/// Reads an output's rendered <c>tests:</c> node (a list whose <c>if/then/else</c> entries are already
/// resolved and whose <c>${{ … }}</c> are substituted) into <see cref="V1Test"/> entries, with the shapes
/// and field names rattler-build accepts. Every wrong shape is a coded error at the node's recipe.yaml line.
/// </summary>
public sealed class V1TestReader(string file)
{
    private static readonly string[] Unsupported = ["perl", "r", "ruby"];

    private static int Line(V1Node node) => node.Line;

    /// <summary>The tests of one rendered output; none when it has no <c>tests:</c>.</summary>
    public static IReadOnlyList<V1Test> Read(V1TestsNode? tests) =>
        tests is null ? [] : new V1TestReader(tests.File).Read(tests.Node);

    public IReadOnlyList<V1Test> Read(V1Node? tests)
    {
        if (IsNull(tests)) return [];
        if (tests is not V1Sequence list)
            throw new CondaRecipesException(V1TestErrorCodes.TestsNotAList, "'tests' must be a list of tests.", file, Line(tests!),
                "Write each test as a list entry: '- python: …', '- script: …', '- package_contents: …' or '- downstream: …'.");
        return list.Items.Where(n => !IsNull(n)).Select(ReadOne).ToList();
    }

    private V1Test ReadOne(V1Node node)
    {
        if (node is not V1Mapping map)
            throw new CondaRecipesException(V1TestErrorCodes.TestsNotAList, "Each entry of 'tests' must be a mapping.", file, Line(node),
                "Start the entry with its kind: 'python:', 'script:', 'package_contents:' or 'downstream:'.");
        int line = Line(node);
        if (Get(map, "python") is { } python) return ReadPython(map, python) with { Line = line };
        if (Get(map, "script") is not null) return ReadScriptTest(map) with { Line = line };
        if (Get(map, "package_contents") is { } contents) return ReadContents(map, contents) with { Line = line };
        if (Get(map, "downstream") is { } downstream)
        {
            OnlyKeys(map, "downstream test", "downstream");
            return new V1DownstreamTest { Spec = Scalar(downstream, "downstream"), Line = line };
        }
        if (Unsupported.FirstOrDefault(k => Get(map, k) is not null) is { } kind)
            throw new CondaRecipesException(V1TestErrorCodes.UnsupportedTestKind,
                $"'{kind}' tests are not supported: the engine makes no {kind} environments.", file, line,
                $"Write the check as a 'script' test with the {kind} interpreter in 'requirements: run'.");
        throw new CondaRecipesException(V1TestErrorCodes.UnknownTestKind,
            $"This test has no test kind ({string.Join(", ", map.Keys.Select(k => $"'{k}'"))}).",
            file, line, "A test is one of 'python', 'script', 'package_contents' or 'downstream'.");
    }

    private V1PythonTest ReadPython(V1Mapping entry, V1Node node)
    {
        OnlyKeys(entry, "python test", "python");
        var map = Mapping(node, "python");
        OnlyKeys(map, "python test", "imports", "pip_check", "python_version");
        return new V1PythonTest
        {
            Imports = ListOrItem(Get(map, "imports"), "python.imports"),
            PipCheck = Bool(Get(map, "pip_check"), "python.pip_check") ?? true,
            PythonVersions = ListOrItem(Get(map, "python_version"), "python.python_version"),
        };
    }

    private V1ScriptTest ReadScriptTest(V1Mapping map)
    {
        OnlyKeys(map, "script test", "script", "requirements", "files");
        var requirements = IsNull(Get(map, "requirements")) ? null : Mapping(Get(map, "requirements")!, "requirements");
        if (requirements is not null) OnlyKeys(requirements, "script test requirements", "run", "build");
        var files = IsNull(Get(map, "files")) ? null : Mapping(Get(map, "files")!, "files");
        if (files is not null) OnlyKeys(files, "script test files", "source", "recipe");
        return new V1ScriptTest
        {
            Script = ReadScript(Get(map, "script")!),
            RunRequirements = List(Get(requirements, "run"), "requirements.run"),
            BuildRequirements = List(Get(requirements, "build"), "requirements.build"),
            SourceFiles = List(Get(files, "source"), "files.source"),
            RecipeFiles = List(Get(files, "recipe"), "files.recipe"),
        };
    }

    /// <summary>A string (one command, or a file of the test folder), a list of commands, or the mapping form.</summary>
    private V1TestScript ReadScript(V1Node node)
    {
        switch (node)
        {
            case V1Scalar s:
                var text = s.Value ?? "";
                return text.Contains('\n') ? new V1TestScript { Commands = [text] } : new V1TestScript { Commands = [text], CommandOrFile = true };
            case V1Sequence:
                return new V1TestScript { Commands = List(node, "script") };
        }
        var map = Mapping(node, "script");
        OnlyKeys(map, "script", "interpreter", "env", "content", "file");
        var content = Get(map, "content");
        var scriptFile = Get(map, "file");
        if (!IsNull(content) && !IsNull(scriptFile))
            throw Invalid(map, "script", "either 'content' or 'file', not both");
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!IsNull(Get(map, "env")))
            foreach (var e in Mapping(Get(map, "env")!, "script.env").Entries)
                env[e.Key] = IsNull(e.Value) ? "" : Scalar(e.Value, $"script.env.{e.Key}");
        return new V1TestScript
        {
            Commands = content is V1Sequence ? List(content, "script.content")
                : IsNull(content) ? [] : [Scalar(content!, "script.content")],
            File = IsNull(scriptFile) ? null : Scalar(scriptFile!, "script.file"),
            Interpreter = IsNull(Get(map, "interpreter")) ? null : Scalar(Get(map, "interpreter")!, "script.interpreter"),
            Env = env,
        };
    }

    private V1PackageContentsTest ReadContents(V1Mapping entry, V1Node node)
    {
        OnlyKeys(entry, "package_contents test", "package_contents");
        var map = Mapping(node, "package_contents");
        OnlyKeys(map, "package_contents test", "files", "site_packages", "bin", "lib", "include", "strict");
        return new V1PackageContentsTest
        {
            Files = Checks(Get(map, "files"), "package_contents.files"),
            SitePackages = Checks(Get(map, "site_packages"), "package_contents.site_packages"),
            Bin = Checks(Get(map, "bin"), "package_contents.bin"),
            Lib = Checks(Get(map, "lib"), "package_contents.lib"),
            Include = Checks(Get(map, "include"), "package_contents.include"),
            Strict = Bool(Get(map, "strict"), "package_contents.strict") ?? false,
        };
    }

    /// <summary>A list (all must exist), or <c>exists:</c>/<c>not_exists:</c>.</summary>
    private V1PathChecks Checks(V1Node? node, string path)
    {
        if (IsNull(node)) return new V1PathChecks();
        if (node is V1Mapping map)
        {
            OnlyKeys(map, path, "exists", "not_exists");
            return new V1PathChecks { Exists = List(Get(map, "exists"), $"{path}.exists"), NotExists = List(Get(map, "not_exists"), $"{path}.not_exists") };
        }
        return new V1PathChecks { Exists = ListOrItem(node, path) };
    }

    private static bool IsNull(V1Node? node) => node is null || node is V1Scalar { IsNull: true };

    private static V1Node? Get(V1Mapping? map, string key) => map?[key];

    private void OnlyKeys(V1Mapping map, string what, params string[] allowed)
    {
        foreach (var entry in map.Entries)
            if (!allowed.Contains(entry.Key))
                throw new CondaRecipesException(V1TestErrorCodes.UnknownTestField,
                    $"The {what} has a field the engine does not know or honour: '{entry.Key}'.", file, entry.Line,
                    $"Valid fields are: {string.Join(", ", allowed)}.");
    }

    private V1Mapping Mapping(V1Node node, string path) => node as V1Mapping ?? throw Invalid(node, path, "a mapping");

    private string Scalar(V1Node node, string path) =>
        node is V1Scalar { Value: { } v } ? v : throw Invalid(node, path, "a single value");

    private bool? Bool(V1Node? node, string path)
    {
        if (IsNull(node)) return null;
        return Scalar(node!, path) switch
        {
            "true" or "True" or "yes" or "Yes" => true,
            "false" or "False" or "no" or "No" => false,
            var v => throw Invalid(node!, path, $"true or false (not '{v}')"),
        };
    }

    /// <summary>A list of single values; null entries (an empty '- ') are skipped.</summary>
    private IReadOnlyList<string> List(V1Node? node, string path)
    {
        if (IsNull(node)) return [];
        if (node is not V1Sequence seq) throw Invalid(node!, path, "a list");
        return seq.Items.Where(c => !IsNull(c)).Select(c => Scalar(c, path)).ToList();
    }

    private IReadOnlyList<string> ListOrItem(V1Node? node, string path) =>
        node is V1Scalar s && !IsNull(s) ? [s.Value!] : List(node, path);

    private CondaRecipesException Invalid(V1Node node, string path, string expected) =>
        new(V1TestErrorCodes.TestFieldInvalid, $"'{path}' must be {expected}.", file, Line(node),
            "See the tests section of the recipe.yaml format (rattler-build's reference).");
}
