using CondaRecipes.Channels.Specs;
using CondaRecipes.Recipes.Jinja;
using CondaRecipes.Recipes.Outputs;
using CondaRecipes.Recipes.Pins;
using CondaRecipes.Recipes.Selectors;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// What a <c>recipe.yaml</c> expression sees, as rattler-build defines it: the platform names of
/// <see cref="SelectorNamespace"/> (<c>linux</c>, <c>unix</c>, <c>x86_64</c>, …) and the variant variables as
/// strings (an unquoted int or bool of a variant file as a long or bool); <c>target_platform</c>, <c>build_platform</c>, <c>host_platform</c>; the functions of meta.yaml
/// (<c>compiler</c>, <c>stdlib</c>, <c>cdt</c>, <c>pin_compatible</c>, <c>pin_subpackage</c>, taken from
/// <see cref="CondaGlobals"/>) with v1's <c>lower_bound</c>/<c>upper_bound</c> arguments and no default for
/// <c>stdlib</c>; <c>match</c>,
/// <c>is_linux</c>/<c>is_unix</c>/<c>is_osx</c>/<c>is_win</c>, <c>env.get</c>/<c>env.exists</c>, and <c>hash</c>.
/// The <c>context:</c> values are set on top (<see cref="V1Context"/>).
/// </summary>
internal static class V1Globals
{
    /// <param name="hash">The variant hash for <c>${{ hash }}</c>; a placeholder until it is known.</param>
    /// <param name="typed">Variant values rattler-build reads as a bool or an int (<see cref="V1VariantTypes"/>).</param>
    public static JinjaScope Create(RenderContext context, string recipeDir, SubpackagePins? pins, string hash,
        IReadOnlyDictionary<string, object>? typed = null)
    {
        var environ = new JinjaEnviron(context.Environment);
        var ns = SelectorNamespace.Build(context, environ);
        var conda = new CondaGlobals(context, ns, environ, recipeDir, (null, null, null), pins);
        var own = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["target_platform"] = context.Subdir,
            ["build_platform"] = context.Subdir,
            ["host_platform"] = context.Subdir,
            ["hash"] = hash,
            ["match"] = new JinjaFunction("match", Match),
            ["is_linux"] = PlatformTest("is_linux", p => p.StartsWith("linux-", StringComparison.Ordinal)),
            ["is_osx"] = PlatformTest("is_osx", p => p.StartsWith("osx-", StringComparison.Ordinal)),
            ["is_win"] = PlatformTest("is_win", p => p.StartsWith("win-", StringComparison.Ordinal)),
            ["is_unix"] = PlatformTest("is_unix", p => !p.StartsWith("win-", StringComparison.Ordinal) && p != "noarch"),
            ["env"] = new Dictionary<string, object?>
            {
                ["get"] = new JinjaFunction("env.get", (args, kwargs, line) => EnvGet(context.Environment, args, kwargs, line)),
                ["exists"] = new JinjaFunction("env.exists", (args, _, line) =>
                {
                    JinjaMethods.RequireArgs(args, 1, 1, "env.exists", line);
                    return context.Environment.ContainsKey(JinjaMethods.RequireString(args[0], "env.exists", line));
                }),
            },
            ["stdlib"] = StdlibOfTheVariant(context.Variables, (JinjaFunction)conda.Lookup("stdlib")!),
            ["pin_subpackage"] = WithV1Bounds("pin_subpackage", (JinjaFunction)conda.Lookup("pin_subpackage")!),
            ["pin_compatible"] = WithV1Bounds("pin_compatible", (JinjaFunction)conda.Lookup("pin_compatible")!),
        };
        V1Filters.AddTo(own);
        // Variant variables are strings in v1 (rattler-build compares them as strings: python == "3.12"),
        // except the unquoted ints and bools of the variant files, which it keeps typed (false is falsy).
        foreach (var (key, value) in context.Variables) own[key] = value;
        if (context.PythonVersion is { } py) own["python"] = py;
        foreach (var (key, value) in typed ?? new Dictionary<string, object>()) own[key] = value;
        return new JinjaScope(name => own.TryGetValue(name, out var v) ? v : conda.Lookup(name));
    }

    /// <summary><c>match(version, spec)</c>: conda's version matching.</summary>
    private static object? Match(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        JinjaMethods.RequireArgs(args, 2, 2, "match", line);
        if (args[0] is JinjaUndefined u) throw JinjaValues.Undefined(u, line);
        string version = JinjaValues.ToStr(args[0], line).Split(' ')[0];
        string spec = JinjaValues.ToStr(args[1], line);
        try
        {
            return VersionSpec.Parse(spec).Matches(version);
        }
        catch (FormatException e)
        {
            throw TemplateError.Evaluation($"match('{version}', '{spec}'): '{spec}' is not a version spec ({e.Message}).", line,
                "Write a conda version spec such as '>=3.10', '3.12.*' or '>=1.2,<2'.");
        }
    }

    private static JinjaFunction PlatformTest(string name, Func<string, bool> test) => new(name, (args, _, line) =>
    {
        JinjaMethods.RequireArgs(args, 1, 1, name, line);
        return test(JinjaMethods.RequireString(args[0], name, line));
    });

    /// <summary>
    /// rattler-build's <c>stdlib(lang)</c>: only the variant's <c>{lang}_stdlib</c> names the C library. conda-build
    /// falls back to the language (<c>c_linux-64</c>); rattler-build has no default and stops the render.
    /// </summary>
    private static JinjaFunction StdlibOfTheVariant(IReadOnlyDictionary<string, string> variant, JinjaFunction inner) =>
        new("stdlib", (args, kwargs, line) =>
        {
            JinjaMethods.RequireArgs(args, 1, 1, "stdlib", line);
            string language = JinjaMethods.RequireString(args[0], "stdlib", line);
            if (!variant.ContainsKey($"{language}_stdlib"))
                throw new TemplateError(V1ErrorCodes.StdlibMissing, $"stdlib('{language}') needs {language}_stdlib in the variant, and none sets it.", line,
                    $"Add {language}_stdlib (and {language}_stdlib_version) to variants.yaml beside the recipe, e.g. {language}_stdlib: [sysroot] for linux.");
            return inner.Invoke(args, kwargs, line);
        });

    /// <summary>rattler-build's <c>env.get(name, default=…)</c>: an unset variable without a default is an error.</summary>
    private static object? EnvGet(IReadOnlyDictionary<string, string> environment, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, int line)
    {
        JinjaMethods.RequireArgs(args, 1, 2, "env.get", line);
        string key = JinjaMethods.RequireString(args[0], "env.get", line);
        if (environment.TryGetValue(key, out var value)) return value;
        if (args.Count > 1) return args[1];
        if (kwargs.TryGetValue("default", out var fallback)) return fallback;
        throw new TemplateError(RecipeErrorCodes.EnvironmentVariableNotSet,
            $"The environment variable {key} is not set and env.get('{key}') has no default.", line,
            $"Set {key} for the build (a CondaEnvironment item), or give a default: env.get('{key}', default='...').");
    }

    /// <summary>
    /// The v1 pin arguments on the meta.yaml functions: <c>lower_bound</c>/<c>upper_bound</c> are pin expressions
    /// (<c>x.x</c>) or fixed versions, <c>None</c> for no bound; <c>exact</c> stays; <c>build</c> adds a build-string match.
    /// </summary>
    private static JinjaFunction WithV1Bounds(string name, JinjaFunction inner) => new(name, (args, kwargs, line) =>
    {
        if (args.Count != 1)
            throw new TemplateError(V1ErrorCodes.ExpressionFailed, $"{name}() takes the package name as its only positional argument ({args.Count} given).", line,
                $"Name the others: {name}('pkg', lower_bound='x.x', upper_bound='x.x').");
        var mapped = new Dictionary<string, object?>(StringComparer.Ordinal);
        object? build = null;
        foreach (var (key, value) in kwargs)
        {
            switch (key)
            {
                case "lower_bound":
                    if (IsPinExpression(value)) mapped["min_pin"] = value;
                    else if (JinjaValues.IsNone(value)) mapped["min_pin"] = JinjaNone.Literal;
                    else { mapped["min_pin"] = JinjaNone.Literal; mapped["lower_bound"] = value; }
                    break;
                case "upper_bound":
                    if (IsPinExpression(value)) mapped["max_pin"] = value;
                    else if (JinjaValues.IsNone(value)) mapped["max_pin"] = JinjaNone.Literal;
                    else { mapped["max_pin"] = JinjaNone.Literal; mapped["upper_bound"] = value; }
                    break;
                case "exact":
                    mapped["exact"] = value;
                    break;
                case "build":
                    build = value;
                    break;
                default:
                    throw new TemplateError(V1ErrorCodes.ExpressionFailed, $"{name}() has no argument '{key}' in recipe.yaml.", line,
                        $"rattler-build's signature: {name}(name, lower_bound='x.x.x.x.x.x', upper_bound='x', exact=False, build=None).");
            }
        }
        if (name == "pin_subpackage" && (mapped.ContainsKey("lower_bound") || mapped.ContainsKey("upper_bound")))
            return PinSubpackageFixed(args, mapped, line);
        var result = inner.Invoke(args.Take(1).ToList(), mapped, line);
        if (build is null || JinjaValues.IsNone(build)) return result;
        string text = JinjaValues.ToStr(result, line);
        string buildText = JinjaValues.ToStr(build, line);
        // pin_compatible is resolved after the host environment: the build match travels in its pending pin.
        if (PinCompatible.FromSpec(text) is { } pending)
        {
            if (buildText.IndexOfAny([';', '(', ')', ' ']) >= 0)
                throw new TemplateError(V1ErrorCodes.ExpressionFailed, $"{name}()'s build '{buildText}' is not a build-string match.", line,
                    "Give a build string or a glob without spaces, semicolons or parentheses, e.g. build='*cuda*'.");
            return (pending with { Build = buildText }).ToSpecText();
        }
        // A pin without a version part gets '*' so that the build-string match is the third field.
        return text.Contains(' ') ? $"{text} {buildText}" : $"{text} * {buildText}";
    });

    /// <summary>pin_subpackage with fixed-version bounds: <c>name &gt;=lower,&lt;upper</c>.</summary>
    private static string PinSubpackageFixed(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> mapped, int line)
    {
        if (args.Count == 0) throw TemplateError.Evaluation("pin_subpackage() needs the name of an output as its first argument.", line);
        string name = JinjaMethods.RequireString(args[0], "pin_subpackage", line);
        var parts = new List<string>();
        if (mapped.TryGetValue("lower_bound", out var lower)) parts.Add(">=" + JinjaValues.ToStr(lower, line));
        if (mapped.TryGetValue("upper_bound", out var upper)) parts.Add("<" + JinjaValues.ToStr(upper, line));
        return parts.Count == 0 ? name : $"{name} {string.Join(",", parts)}";
    }

    private static bool IsPinExpression(object? value) =>
        value is string s && s.Length > 0 && s.All(c => c is 'x' or 'X' or '.');
}
