using CondaRecipes.Diagnostics;
using CondaRecipes.Processes;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// Lays out the build and host prefixes of one variant. For a Python variant the host prefix is a venv of
/// the host interpreter (with its site-packages visible, so pip and setuptools are at hand): then
/// <c>$PYTHON -m pip install --no-deps --no-build-isolation .</c> installs into
/// <c>$PREFIX/lib/pythonX.Y/site-packages</c> as in a conda environment. The venv files exist before the
/// build starts, so they are never packaged. Build tools chosen as wheels (pip among them, so <c>$PREFIX/bin/pip</c>
/// is the prefix's own) are installed into the venv by pip run from a pip wheel — the one chosen, else the
/// interpreter's bundled one — so the interpreter's own installation is never asked to install anything.
/// </summary>
public static class HostPrefixBuilder
{
    public static async Task CreateAsync(string hostPrefix, string buildPrefix, PythonInterpreter? python,
        IEnumerable<string> wheelsToInstall, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(buildPrefix, "bin"));
        // Without Python the host prefix starts empty, as conda-build's does with nothing in host, so a
        // build script's 'mkdir $PREFIX/bin' works.
        Directory.CreateDirectory(hostPrefix);
        if (python is null) return;

        await RunAsync(python.Executable, ["-m", "venv", "--system-site-packages", "--without-pip", hostPrefix],
            $"creating the host prefix with {python.Executable}", ct);
        log($"host prefix: venv of Python {python.Version} ({python.Origin})");

        var wheels = wheelsToInstall.ToList();
        if (wheels.Count > 0)
        {
            // "python pip-X.whl/pip install …" runs pip straight from its wheel, as ensurepip does; what the
            // interpreter itself has (seen through --system-site-packages) must not stop the copy into the venv.
            var pipWheel = wheels.Concat(PythonBuildTools.BundledWheels(python))
                .FirstOrDefault(w => PythonBuildTools.NameAndVersion(w).Name == "pip");
            string[] pip = pipWheel is null ? ["-m", "pip"] : [Path.Combine(pipWheel, "pip")];
            await RunAsync(Path.Combine(hostPrefix, "bin", "python"),
                [.. pip, "install", "--no-deps", "--no-index", "--ignore-installed", "--disable-pip-version-check", "--quiet", .. wheels],
                "installing build requirements from local wheels", ct);
            log($"host prefix: installed {string.Join(", ", wheels.Select(Path.GetFileName))}");
        }
    }

    private static async Task RunAsync(string exe, IEnumerable<string> args, string what, CancellationToken ct)
    {
        // Nothing from the caller's environment may point pip or Python elsewhere (PIP_TARGET, PIP_USER, a pip.conf).
        var env = new Dictionary<string, string?>
        {
            ["PIP_CONFIG_FILE"] = "/dev/null", ["PYTHONNOUSERSITE"] = "1", ["PYTHONPATH"] = null, ["PYTHONHOME"] = null,
            ["PIP_TARGET"] = null, ["PIP_PREFIX"] = null, ["PIP_USER"] = null, ["PIP_ROOT"] = null,
        };
        var r = await ProcessRunner.RunAsync(new ProcessRequest(exe, args) { Environment = env }, ct);
        if (r.ExitCode != 0)
            throw new CondaRecipesException(BuildErrorCodes.PrefixSetupFailed,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} failed (exit {r.ExitCode}): {r.StandardError.Trim()} {r.StandardOutput.Trim()}",
                hint: "Check that the interpreter works and the work folder is writable.");
    }
}
