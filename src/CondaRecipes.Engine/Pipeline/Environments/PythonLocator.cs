using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// Finds a host Python of a given X.Y version: a declared interpreter first, then pyenv's
/// (<c>$PYENV_ROOT/versions/X.Y.*</c>, newest patch release), then <c>pythonX.Y</c> on PATH. Only file
/// system look-ups: no interpreter is started to find one.
/// </summary>
public sealed class PythonLocator
{
    private readonly IReadOnlyList<PythonInterpreter> _declared;
    private readonly string? _pyenvRoot;
    private readonly string _path;

    /// <param name="declared">Interpreters declared as CondaExternal items (take precedence).</param>
    /// <param name="pyenvRoot">PYENV_ROOT, or null for <c>~/.pyenv</c>.</param>
    /// <param name="path">The PATH to search.</param>
    public PythonLocator(IReadOnlyList<PythonInterpreter> declared, string? pyenvRoot, string? home, string path)
    {
        _declared = declared;
        _pyenvRoot = pyenvRoot ?? (home is null ? null : Path.Combine(home, ".pyenv"));
        _path = path;
    }

    public PythonInterpreter Find(string majorMinor)
    {
        var searched = new List<string>();

        var declared = _declared.FirstOrDefault(p => p.MajorMinor == majorMinor);
        if (declared is not null)
            return declared;
        searched.Add($"declared interpreters ({(_declared.Count == 0 ? "none" : string.Join(", ", _declared.Select(d => d.Version)))})");

        if (_pyenvRoot is not null)
        {
            var versions = Path.Combine(_pyenvRoot, "versions");
            searched.Add($"{versions}/{majorMinor}.*");
            if (Directory.Exists(versions))
            {
                var best = Directory.EnumerateDirectories(versions, majorMinor + ".*")
                    .Select(d => (Dir: d, Version: Path.GetFileName(d)))
                    .Where(v => IsPlainRelease(v.Version) && File.Exists(Path.Combine(v.Dir, "bin", "python" + majorMinor)))
                    .OrderByDescending(v => PatchNumber(v.Version))
                    .FirstOrDefault();
                if (best.Dir is not null)
                    return new PythonInterpreter(Path.Combine(best.Dir, "bin", "python" + majorMinor), best.Version, "pyenv");
            }
        }

        foreach (var dir in _path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "python" + majorMinor);
            if (File.Exists(candidate))
                return new PythonInterpreter(candidate, majorMinor, "PATH");
        }
        searched.Add($"python{majorMinor} on PATH");

        throw new CondaRecipesException(BuildErrorCodes.PythonNotFound,
            $"No Python {majorMinor} interpreter found; searched {string.Join(", ", searched)}.",
            hint: $"Install Python {majorMinor} (e.g. `pyenv install {majorMinor}`), or declare one: <CondaExternal Include=\"python\" Version=\"{majorMinor}.x\" Path=\"/path/to/python{majorMinor}\" />, or narrow the matrix with -p:PythonVersion=.");
    }

    /// <summary>
    /// The interpreter <c>load_setup_py_data</c> runs setup.py with: the variant's Python, or without one
    /// (conda-build then uses its own interpreter) <c>python3</c> on PATH; null when neither is there.
    /// </summary>
    public string? FindForSetupPy(string? majorMinor)
    {
        if (majorMinor is not null)
        {
            try
            {
                return Find(majorMinor).Executable;
            }
            catch (CondaRecipesException)
            {
                return null; // the environment stage reports the missing Python with its search
            }
        }
        return _path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "python3")).FirstOrDefault(File.Exists);
    }

    // pyenv also holds "3.11-dev" or "3.11.7t"; a plain release is digits and dots only.
    private static bool IsPlainRelease(string v) => v.All(c => char.IsDigit(c) || c == '.');

    private static int PatchNumber(string v) =>
        v.Split('.') is { Length: >= 3 } parts && int.TryParse(parts[2], out var n) ? n : 0;
}
