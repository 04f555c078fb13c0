using CondaRecipes.Diagnostics;
using CondaRecipes.Processes;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// Lays out the build and host prefixes of one variant. For a Python variant the host prefix is a venv of
/// the host interpreter (with its site-packages visible, so pip and setuptools are at hand): then
/// <c>$PYTHON -m pip install --no-deps --no-build-isolation .</c> installs into
/// <c>$PREFIX/lib/pythonX.Y/site-packages</c> as in a conda environment. The venv files exist before the
/// build starts, so they are never packaged.
/// </summary>
public static class HostPrefixBuilder
{
    public static async Task CreateAsync(string hostPrefix, string buildPrefix, PythonInterpreter? python,
        IEnumerable<string> wheelsToInstall, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(buildPrefix, "bin"));
        if (python is null)
        {
            foreach (var d in new[] { "bin", "lib", "include" })
                Directory.CreateDirectory(Path.Combine(hostPrefix, d));
            return;
        }

        await RunAsync(python.Executable, ["-m", "venv", "--system-site-packages", "--without-pip", hostPrefix],
            $"creating the host prefix with {python.Executable}", ct);
        log($"host prefix: venv of Python {python.Version} ({python.Origin})");

        var wheels = wheelsToInstall.ToList();
        if (wheels.Count > 0)
        {
            await RunAsync(Path.Combine(hostPrefix, "bin", "python"),
                ["-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", "--quiet", .. wheels],
                "installing build requirements from local wheels", ct);
            log($"host prefix: installed {string.Join(", ", wheels.Select(Path.GetFileName))}");
        }
    }

    private static async Task RunAsync(string exe, IEnumerable<string> args, string what, CancellationToken ct)
    {
        var r = await ProcessRunner.RunAsync(new ProcessRequest(exe, args), ct);
        if (r.ExitCode != 0)
            throw new CondaRecipesException(BuildErrorCodes.PrefixSetupFailed,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} failed (exit {r.ExitCode}): {r.StandardError.Trim()} {r.StandardOutput.Trim()}",
                hint: "Check that the interpreter works and the work folder is writable.");
    }
}
