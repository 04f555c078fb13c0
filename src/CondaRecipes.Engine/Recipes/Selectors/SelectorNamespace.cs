using System.Globalization;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.Selectors;

/// <summary>
/// The names a line selector may use — conda-build's <c>ns_cfg</c>: platform and architecture flags,
/// <c>py</c> (an int like 311), <c>py3k</c>, <c>py27</c>…<c>py319</c>, <c>np</c>, <c>build_platform</c>,
/// <c>target_platform</c>, the build's environment variables, and the variant variables (as given and
/// lower-cased; numeric values as ints, "true"/"false" as bools). The same names are Jinja globals.
/// </summary>
internal sealed class SelectorNamespace
{
    private static readonly string[] NonX86Machines = ["armv6l", "armv7l", "aarch64", "arm64", "ppc64", "ppc64le", "s390x", "riscv64"];

    private SelectorNamespace(Dictionary<string, object?> values) => Values = values;

    public Dictionary<string, object?> Values { get; }

    public static SelectorNamespace Build(RenderContext context, JinjaEnviron environ)
    {
        string subdir = context.Subdir;
        var d = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["linux"] = subdir.StartsWith("linux-", StringComparison.Ordinal),
            ["linux32"] = subdir == "linux-32",
            ["linux64"] = subdir == "linux-64",
            ["arm"] = subdir.StartsWith("linux-arm", StringComparison.Ordinal),
            ["osx"] = subdir.StartsWith("osx-", StringComparison.Ordinal),
            ["unix"] = subdir.StartsWith("linux-", StringComparison.Ordinal) || subdir.StartsWith("osx-", StringComparison.Ordinal),
            ["win"] = subdir.StartsWith("win-", StringComparison.Ordinal),
            ["win32"] = subdir == "win-32",
            ["win64"] = subdir == "win-64",
            // As in conda-build: x86 is any 32/64-bit Intel subdir, x86_64 any "-64" one.
            ["x86"] = subdir.EndsWith("-32", StringComparison.Ordinal) || subdir.EndsWith("-64", StringComparison.Ordinal),
            ["x86_64"] = subdir.EndsWith("-64", StringComparison.Ordinal),
            ["build_platform"] = subdir,
            ["target_platform"] = subdir,
        };
        foreach (var machine in NonX86Machines)
            d[machine] = subdir.EndsWith("-" + machine, StringComparison.Ordinal);

        AddPython(d, context.PythonVersion);
        d["np"] = context.Variables.TryGetValue("numpy", out var numpy) && TryParseMajorMinor(numpy, out int np)
            ? (long)np
            : new JinjaNone("np (no 'numpy' variant variable was given)", null);

        d["os"] = new Dictionary<string, object?> { ["environ"] = environ };
        d["environ"] = environ;
        // Environment variables come before variant variables, which only fill names not yet taken
        // (conda-build's order). A variant variable that reached environ only because the renderer exports
        // it stays a variant variable, so that '12' is the int 12 in 'CUDA_MAJOR >= 12'.
        foreach (var (key, value) in environ.Variables)
            if (context.Environment.ContainsKey(key) || !context.Variables.ContainsKey(key)) d[key] = value;
        foreach (var (key, value) in context.Variables)
        {
            var typed = Typed(value);
            foreach (var name in new[] { key, key.ToLowerInvariant() })
                d.TryAdd(name, typed);
        }
        return new SelectorNamespace(d);
    }

    private static void AddPython(Dictionary<string, object?> d, string? pythonVersion)
    {
        int py = 0;
        bool known = pythonVersion is not null && TryParseMajorMinor(pythonVersion, out py);
        d["py"] = known ? (long)py : new JinjaNone("py (no Python version was given)", null);
        string major = known ? pythonVersion!.Split('.')[0] : "";
        d["py3k"] = major == "3";
        d["py2k"] = major == "2";
        foreach (int v in new[] { 26, 27, 33, 34, 35, 36, 37, 38, 39 })
            d[$"py{v}"] = known && py == v;
        for (int minor = 10; minor <= 19; minor++)
            d[$"py3{minor}"] = known && py == 300 + minor;
    }

    /// <summary>"3.11", "3.11.4" and "3.11 *_cpython" give 311; "1.26" gives 126.</summary>
    internal static bool TryParseMajorMinor(string version, out int value)
    {
        value = 0;
        var parts = version.Split(' ')[0].Split('.');
        if (parts.Length < 2) return false;
        return int.TryParse(parts[0] + parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static object? Typed(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        return value;
    }
}
