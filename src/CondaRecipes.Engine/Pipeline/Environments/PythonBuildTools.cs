using System.Collections.Concurrent;
using System.IO.Compression;
using CondaRecipes.Processes;

namespace CondaRecipes.Pipeline.Environments;

/// <summary>
/// Where the Python build tools (pip, setuptools, wheel — and any other distribution a wheel folder offers)
/// come from, chosen by whether they work with the variant's interpreter. Candidates in order: the copy the
/// interpreter already has (setuptools, wheel), the wheels the interpreter bundles for ensurepip
/// (<c>lib/pythonX.Y/ensurepip/_bundled</c>), then the <c>CondaWheelDirectory</c> folders, newest first.
/// Each candidate is tried by importing it with that interpreter — for setuptools by finalising the
/// install commands <c>setup.py install</c> runs, which is where a distribution-patched setuptools (Debian's
/// wheel expects its own Python's <c>install_layout</c>) or one too old for the interpreter (no
/// <c>pkgutil.ImpImporter</c> in Python 3.12) fails. The first that works is used; the others are recorded
/// with the reason, for the error when none works.
/// </summary>
public static class PythonBuildTools
{
    /// <summary>The tools a build script runs (pip) or imports to build (setuptools, wheel).</summary>
    public static bool IsBuildTool(string name) => name is "pip" or "setuptools" or "wheel";

    private static readonly ConcurrentDictionary<(string Python, string Name, string? Wheel), string?> Probed = new();

    /// <summary>The wheels the interpreter carries for ensurepip (pip; setuptools before Python 3.12).</summary>
    public static IEnumerable<string> BundledWheels(PythonInterpreter python)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
        var bundled = Path.Combine(prefix, "lib", "python" + python.MajorMinor, "ensurepip", "_bundled");
        return Directory.Exists(bundled) ? Directory.EnumerateFiles(bundled, "*.whl").Order(StringComparer.Ordinal) : [];
    }

    /// <summary>
    /// Null when <paramref name="name"/> works with <paramref name="python"/> — from <paramref name="wheel"/>,
    /// or the interpreter's own copy when it is null — otherwise why not (the last line Python printed).
    /// Probed once per interpreter and candidate; nothing is written outside a temporary folder.
    /// </summary>
    public static string? WhyUnusable(PythonInterpreter python, string name, string? wheel) =>
        Probed.GetOrAdd((python.Executable, name, wheel), _ => Probe(python, name, wheel));

    private static string? Probe(PythonInterpreter python, string name, string? wheel)
    {
        var dir = Directory.CreateTempSubdirectory("cr-wheel-probe-").FullName;
        try
        {
            var args = new List<string>();
            var env = new Dictionary<string, string?>
            {
                ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONNOUSERSITE"] = "1", ["PYTHONPATH"] = null, ["PYTHONHOME"] = null,
            };
            if (wheel is not null)
            {
                var site = Path.Combine(dir, "site");
                ZipFile.ExtractToDirectory(wheel, site);
                env["PYTHONPATH"] = site;
                args.Add("-S"); // only the candidate: the interpreter's own site-packages stay out of the way
            }
            args.AddRange(["-s", "-c", ProbeScript(name)]);
            var run = Path.Combine(dir, "run");
            Directory.CreateDirectory(run);
            var r = ProcessRunner.RunAsync(new ProcessRequest(python.Executable, args) { WorkingDirectory = run, Environment = env })
                .GetAwaiter().GetResult();
            if (r.ExitCode == 0) return null;
            var last = (r.StandardError + r.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return last.Length > 0 ? last[^1] : $"exit code {r.ExitCode}";
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static string ProbeScript(string name) => name switch
    {
        "setuptools" =>
            "from setuptools.dist import Distribution\n" +
            "d = Distribution({'name': 'probe', 'version': '0', 'py_modules': ['probe']})\n" +
            "for c in ('install', 'install_lib', 'install_scripts', 'install_egg_info', 'build_py', 'egg_info'):\n" +
            "    d.get_command_obj(c).ensure_finalized()\n",
        "pip" => "import sys, pip._vendor.pkg_resources\nfrom pip._internal.cli.main import main\nsys.exit(main(['--version']))\n",
        _ => $"import {name.Replace('-', '_').Replace('.', '_')}\n",
    };

    /// <summary>A wheel's distribution name and version from its file name (<c>setuptools-66.1.1-py3-none-any.whl</c>).</summary>
    public static (string Name, string Version) NameAndVersion(string wheel) =>
        Path.GetFileName(wheel).Split('-') is { Length: > 1 } p ? (p[0], p[1]) : (Path.GetFileNameWithoutExtension(wheel), "");
}
