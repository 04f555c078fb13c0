using System.Text.Json;
using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;
using CondaRecipes.Processes;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// conda's install rules for a <c>noarch: python</c> package, for the Python of the target prefix:
/// <c>site-packages/x</c> goes to <c>lib/pythonX.Y/site-packages/x</c> and <c>python-scripts/x</c> to
/// <c>bin/x</c>; the entry points of <c>info/link.json</c> become console scripts running the prefix's
/// <c>bin/pythonX.Y</c>; the package's modules are compiled to bytecode with that Python (a module that does
/// not compile is left without, as conda leaves it).
/// </summary>
public sealed partial class NoarchPythonInstall
{
    private readonly string _prefix;
    private readonly IReadOnlyList<PythonEntryPoint> _entryPoints;

    /// <summary><c>3.12</c>: the target prefix's Python.</summary>
    public string PythonVersion { get; }

    private NoarchPythonInstall(string prefix, string pythonVersion, IReadOnlyList<PythonEntryPoint> entryPoints)
    {
        _prefix = prefix;
        PythonVersion = pythonVersion;
        _entryPoints = entryPoints;
    }

    /// <summary>The rules for the extracted package, or null when it is not <c>noarch: python</c>.</summary>
    public static NoarchPythonInstall? For(string extractedPackage, string prefix)
    {
        var linkJson = Path.Combine(extractedPackage, "info", "link.json");
        if (!File.Exists(linkJson)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(linkJson));
        if (!doc.RootElement.TryGetProperty("noarch", out var noarch)
            || !noarch.TryGetProperty("type", out var type) || type.GetString() != "python")
            return null;
        var entryPoints = noarch.TryGetProperty("entry_points", out var eps)
            ? PythonEntryPoint.ParseAll(eps.EnumerateArray().Select(e => e.GetString()!), linkJson)
            : [];
        return new NoarchPythonInstall(prefix, PythonVersionOf(prefix, extractedPackage), entryPoints);
    }

    [GeneratedRegex(@"^python(\d+\.\d+)$")]
    private static partial Regex PythonLibFolder();

    /// <summary>The X.Y of the prefix's <c>lib/pythonX.Y/</c> (a venv and a conda environment both have exactly one).</summary>
    private static string PythonVersionOf(string prefix, string package)
    {
        var lib = Path.Combine(prefix, "lib");
        var versions = Directory.Exists(lib)
            ? Directory.EnumerateDirectories(lib).Select(d => PythonLibFolder().Match(Path.GetFileName(d)))
                .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList()
            : [];
        if (versions.Count == 1 && File.Exists(Path.Combine(prefix, "bin", "python" + versions[0])))
            return versions[0];
        throw new CondaRecipesException(BuildErrorCodes.NoPythonForNoarch,
            versions.Count == 0
                ? $"The noarch: python package {Path.GetFileName(package)} is installed into {prefix}, which has no Python."
                : $"The prefix {prefix} holds {versions.Count} Pythons' lib/pythonX.Y folders ({string.Join(", ", versions)}) or none runnable; the noarch: python package {Path.GetFileName(package)} cannot be placed.",
            hint: "Add python to the run requirements of the noarch: python package (conda-build recipes list it in host and run).");
    }

    /// <summary>Where a package path goes in the prefix.</summary>
    public string TargetPath(string packagePath) =>
        packagePath.StartsWith("site-packages/", StringComparison.Ordinal) ? $"lib/python{PythonVersion}/{packagePath}"
        : packagePath.StartsWith("python-scripts/", StringComparison.Ordinal) ? "bin/" + packagePath["python-scripts/".Length..]
        : packagePath;

    /// <summary>The prefix's interpreter, as conda names it for entry points.</summary>
    public string Python => Path.Combine(_prefix, "bin", "python" + PythonVersion);

    /// <summary>
    /// Writes the console scripts and compiles the installed modules (<paramref name="installed"/>: prefix-relative
    /// targets). Returns the prefix-relative paths it created.
    /// </summary>
    public IReadOnlyList<string> Complete(IReadOnlyList<string> installed)
    {
        var created = new List<string>();
        var shebang = PythonEntryPoint.ShebangFor(Python);
        foreach (var entryPoint in _entryPoints)
        {
            entryPoint.Write(_prefix, shebang, atInstall: true);
            created.Add(entryPoint.ScriptPath);
        }
        created.AddRange(Compile(installed.Where(p => p.StartsWith($"lib/python{PythonVersion}/site-packages/", StringComparison.Ordinal)
            && p.EndsWith(".py", StringComparison.Ordinal)).ToList()));
        return created;
    }

    /// <summary>conda's compile step: <c>python -Wi -m compileall -q -l -i &lt;list&gt;</c> in the prefix.</summary>
    private IReadOnlyList<string> Compile(IReadOnlyList<string> modules)
    {
        if (modules.Count == 0) return [];
        var list = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, modules);
            ProcessRunner.RunAsync(new ProcessRequest(Python, ["-Wi", "-m", "compileall", "-q", "-l", "-i", list, "-j", "0"])
                { WorkingDirectory = _prefix }).GetAwaiter().GetResult();
        }
        finally
        {
            File.Delete(list);
        }
        return modules.Select(PycPath).Where(p => File.Exists(Path.Combine(_prefix, p))).ToList();
    }

    /// <summary><c>a/b.py</c> → <c>a/__pycache__/b.cpython-312.pyc</c>, as conda computes it.</summary>
    public string PycPath(string module)
    {
        var folder = Path.GetDirectoryName(module)!.Replace('\\', '/');
        var name = Path.GetFileNameWithoutExtension(module);
        return $"{(folder.Length > 0 ? folder + "/" : "")}__pycache__/{name}.cpython-{PythonVersion.Replace(".", "")}.pyc";
    }
}
