using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>How one build/host requirement is met on this host.</summary>
/// <param name="Spec">The requirement as the recipe wrote it.</param>
/// <param name="External">The host external that satisfies it.</param>
/// <param name="WheelToInstall">A local wheel to install into the host prefix first (not packaged).</param>
public sealed record SatisfiedRequirement(string Spec, HostExternal External, string? WheelToInstall = null);

/// <summary>
/// Satisfies build and host requirements from the host: declared externals first, then the variant's
/// Python, packages that Python already has, wheels the interpreter bundles and local wheel folders (e.g.
/// Debian's /usr/share/python-wheels) — build tools only from a source that works with the interpreter (see
/// <see cref="PythonBuildTools"/>) — and tools on PATH. pip always comes from a wheel installed into the
/// host prefix, so the build's <c>pip</c> is the prefix's own. A requirement nothing satisfies is an error
/// naming it and everything searched.
/// </summary>
public sealed class RequirementSatisfier
{
    private readonly IReadOnlyList<HostExternal> _declared;
    private readonly PythonInterpreter? _python;
    private readonly string _path;
    private readonly IReadOnlyList<string> _wheelDirs;
    private readonly Lazy<Dictionary<string, string>> _pythonPackages;
    private readonly Dictionary<string, List<string>> _rejected = new(StringComparer.Ordinal);

    /// <summary>Build-tool candidates found but unusable with the interpreter, by requirement name, with the reason.</summary>
    public IReadOnlyDictionary<string, List<string>> Rejected => _rejected;

    public RequirementSatisfier(IReadOnlyList<HostExternal> declared, PythonInterpreter? python, string path,
        IReadOnlyList<string> wheelDirs)
    {
        _declared = declared;
        _python = python;
        _path = path;
        _wheelDirs = wheelDirs;
        _pythonPackages = new(() => python is null ? new() : InstalledDistributions(python));
    }

    /// <summary>The interpreter and declared externals, as the solver's host records for channel packages.</summary>
    public IReadOnlyList<HostExternal> SolverExternals =>
        (_python is null ? [] : new[] { PythonExternal(_python) }).Concat(_declared).ToList();

    /// <summary>Splits specs into those the host satisfies and those left for the channels.</summary>
    public (IReadOnlyList<SatisfiedRequirement> Satisfied, IReadOnlyList<string> Unsatisfied) Partition(IEnumerable<string> specs)
    {
        var satisfied = new List<SatisfiedRequirement>();
        var missing = new List<string>();
        foreach (var spec in specs.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct())
        {
            var found = Satisfy(spec);
            if (found is null) missing.Add(spec); else satisfied.Add(found);
        }
        return (satisfied, missing);
    }

    /// <summary>Satisfies every spec or throws one error listing every spec that could not be.</summary>
    public IReadOnlyList<SatisfiedRequirement> SatisfyAll(IEnumerable<string> specs, string recipeFile)
    {
        var (satisfied, missing) = Partition(specs);
        if (missing.Count > 0)
            throw new CondaRecipesException(BuildErrorCodes.RequirementNotSatisfied,
                $"Nothing on this host satisfies {string.Join(", ", missing.Select(m => $"'{m}'"))}. Searched: {Searched()}.",
                recipeFile,
                hint: "Declare the host software as a CondaExternal item (e.g. <CondaExternal Include=\"mpich\" Version=\"3.4\" Build=\"external_host\" />), install the tool, or provide the package in a channel.");
        return satisfied;
    }

    /// <summary>
    /// The host external meeting <paramref name="spec"/>, or null. An unparseable spec is left to the channel
    /// solver, which reports it with its coded error.
    /// </summary>
    public SatisfiedRequirement? Satisfy(string spec)
    {
        MatchSpec parsed;
        try { parsed = MatchSpec.Parse(spec); }
        catch (CondaRecipesException) { return null; }
        var found = Find(spec, parsed.Name);
        return found is not null && Compatible(parsed, found.External) ? found : null;
    }

    private SatisfiedRequirement? Find(string spec, string name)
    {
        var declared = _declared.FirstOrDefault(e => e.Name == name);
        if (declared is not null)
            return new(spec, declared);

        if (name == "python" && _python is not null)
            return new(spec, PythonExternal(_python));

        if (_python is not null && name != "pip" && _pythonPackages.Value.TryGetValue(Normalize(name), out var version)
            && Usable(name, null, $"{name} {version} installed in {_python.Executable}"))
            return new(spec, new HostExternal(name, version, "external_python", $"importable by {_python.Executable}"));

        if (_python is not null && FindWheel(name) is { } wheel)
            return new(spec, new HostExternal(name, PythonBuildTools.NameAndVersion(wheel).Version, "external_wheel", wheel), wheel);

        if (CompilerTools.Command(name) is { } command && CompilerTools.FindOnPath(command, _path) is { } tool)
            return new(spec, new HostExternal(name, null, "external_host", tool));

        return null;
    }

    private static HostExternal PythonExternal(PythonInterpreter p) =>
        new("python", p.Version, "external_" + p.Origin.ToLowerInvariant(), p.Executable);

    /// <summary>
    /// Whether a host external meets the spec's version and build constraints where it knows its version
    /// (<c>python 3.12.*</c> against 3.11.7 does not; <c>mpich =3*=external_*</c> against mpich 3.4 external_cray does).
    /// </summary>
    private static bool Compatible(MatchSpec parsed, HostExternal external)
    {
        if (external.Version is not null && parsed.Version is not null && VersionOrder.TryParse(external.Version, out _)
            && !parsed.Version.Matches(external.Version))
            return false;
        return parsed.Build is null || parsed.Build.Matches(external.Build);
    }

    private string Searched() =>
        $"declared CondaExternal items ({(_declared.Count == 0 ? "none" : string.Join(", ", _declared.Select(d => d.Name)))}); " +
        (_python is null ? "" : $"Python {_python.Version} at {_python.Executable} and its installed packages; ") +
        $"wheels bundled with the interpreter and in {(_wheelDirs.Count == 0 ? "(no wheel folder)" : string.Join(", ", _wheelDirs))}; tools on PATH";

    /// <summary>
    /// The first wheel for <paramref name="name"/> — the interpreter's bundled ones, then the wheel folders,
    /// newest first — that works with the interpreter (build tools are probed; other wheels are taken as found).
    /// </summary>
    private string? FindWheel(string name)
    {
        var candidates = PythonBuildTools.BundledWheels(_python!)
            .Concat(_wheelDirs.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*.whl")
                .OrderByDescending(w => PythonBuildTools.NameAndVersion(w).Version, Channels.Specs.VersionStringComparer.Instance)))
            .Where(w => Normalize(PythonBuildTools.NameAndVersion(w).Name) == Normalize(name));
        return candidates.FirstOrDefault(w => Usable(name, w, w));
    }

    private bool Usable(string name, string? wheel, string what)
    {
        if (!PythonBuildTools.IsBuildTool(name)) return true;
        var why = PythonBuildTools.WhyUnusable(_python!, name, wheel);
        if (why is null) return true;
        if (!_rejected.TryGetValue(name, out var list)) _rejected[name] = list = [];
        if (!list.Contains($"{what}: {why}")) list.Add($"{what}: {why}");
        return false;
    }


    // PEP 503 normalisation: conda names use '-', distributions '_' or '.'.
    private static string Normalize(string name) => name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    /// <summary>Distributions in the interpreter's own site-packages, read from *.dist-info folder names.</summary>
    private static Dictionary<string, string> InstalledDistributions(PythonInterpreter python)
    {
        var result = new Dictionary<string, string>();
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
        var sitePackages = Path.Combine(prefix, "lib", "python" + python.MajorMinor, "site-packages");
        if (!Directory.Exists(sitePackages))
            return result;
        foreach (var dir in Directory.EnumerateDirectories(sitePackages, "*.dist-info"))
        {
            var stem = Path.GetFileName(dir)[..^".dist-info".Length];
            var dash = stem.LastIndexOf('-');
            if (dash > 0)
                result[Normalize(stem[..dash])] = stem[(dash + 1)..];
        }
        return result;
    }
}
