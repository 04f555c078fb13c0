using System.Text;
using CondaRecipes.Processes;
using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Recipes.Loading;

/// <summary>
/// <c>load_setup_py_data</c>: runs the setup.py with the variant's Python, with <c>setuptools.setup</c>
/// (and <c>distutils.core.setup</c>) replaced by a function that records its keyword arguments, the way
/// conda-build does, and returns them; <c>setup.cfg</c> values next to it take priority. Values JSON
/// cannot hold become None, as in conda-build. The script runs in the setup.py's folder, with no
/// environment but PATH and HOME, and writes nothing: the arguments come back on stdout.
/// </summary>
internal static class SetupPyReader
{
    private const string Marker = "--conda-recipes-setup-kwargs--";

    private const string Script = """
        import json, os, sys
        setup_file = sys.argv[1]
        data, cfg = {}, {}
        try:
            try:
                from setuptools.config.setupcfg import read_configuration
            except ImportError:
                from setuptools.config import read_configuration
        except ImportError:
            read_configuration = None
        setup_cfg = os.path.join(os.path.dirname(setup_file), "setup.cfg")
        if read_configuration is not None and os.path.isfile(setup_cfg):
            for section in read_configuration(setup_cfg).values():
                cfg.update(section)
        def setup(**kw):
            data.update(kw)
            data.update(cfg)
        import setuptools
        setuptools.setup = setup
        try:
            import distutils.core
            distutils.core.setup = setup
        except ImportError:
            pass
        folder = os.path.dirname(setup_file)
        os.chdir(folder)
        sys.path.insert(0, folder)
        sys.argv = [setup_file]
        ns = {"__name__": "__main__", "__doc__": None, "__file__": setup_file}
        with open(setup_file) as f:
            exec(compile(f.read(), setup_file, "exec", dont_inherit=True), ns, ns)
        sys.stdout.write("\n" + MARKER + json.dumps(data, skipkeys=True, default=lambda x: None) + "\n")
        """;

    public static object? Read(string setupPy, string? python, int line)
    {
        if (python is null)
            throw new TemplateError(RecipeErrorCodes.LoadFailed,
                "load_setup_py_data needs a Python interpreter to run setup.py, and this variant has none.", line,
                "Give the variant a Python version (a CondaPython item), or set the values in the recipe.");
        ProcessResult result;
        try
        {
            result = ProcessRunner.RunAsync(new ProcessRequest(python, ["-c", Script.Replace("MARKER", $"\"{Marker}\""), setupPy])
            {
                WorkingDirectory = Path.GetDirectoryName(setupPy)!,
                Environment = SandboxEnvironment(),
                OutputEncoding = Encoding.UTF8,
            }).GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TemplateError(RecipeErrorCodes.LoadFailed, $"load_setup_py_data cannot start {python}: {e.Message}", line);
        }
        int at = result.StandardOutput.LastIndexOf(Marker, StringComparison.Ordinal);
        if (result.ExitCode != 0 || at < 0)
            throw new TemplateError(RecipeErrorCodes.LoadFailed,
                $"load_setup_py_data: running {setupPy} with {python} failed (exit {result.ExitCode}):\n{Tail(result.StandardError)}", line,
                "setup.py must run with the variant's Python and its setuptools; fix the error above, or set the values in the recipe.");
        return DataValues.FromJson(result.StandardOutput[(at + Marker.Length)..].Trim());
    }

    // Only what Python needs to start; the build's variables and the user's site configuration stay out.
    private static Dictionary<string, string?> SandboxEnvironment()
    {
        var keep = new HashSet<string>(["PATH", "HOME", "LANG", "LC_ALL", "PYENV_ROOT", "PYENV_VERSION"], StringComparer.Ordinal);
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (!keep.Contains((string)e.Key)) env[(string)e.Key] = null;
        env["PYTHONDONTWRITEBYTECODE"] = "1";
        env["PYTHONNOUSERSITE"] = "1";
        env["CONDA_BUILD_STATE"] = "RENDER";
        return env;
    }

    private static string Tail(string text)
    {
        var lines = text.TrimEnd().Split('\n');
        return string.Join('\n', lines.TakeLast(15));
    }
}
