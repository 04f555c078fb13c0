using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Tests.Pipeline.Environments;

/// <summary>Build tools are chosen by whether they work with the interpreter, tried with real pyenv Pythons.</summary>
public class PythonBuildToolsTests
{
    private static PythonInterpreter Pyenv(string majorMinor)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        var dir = Directory.Exists(versions)
            ? Directory.EnumerateDirectories(versions, majorMinor + ".*").Where(d => Path.GetFileName(d).All(c => char.IsDigit(c) || c == '.')).Order().LastOrDefault()
            : null;
        if (dir is null) Assert.Ignore($"no pyenv Python {majorMinor} here");
        return new PythonInterpreter(Path.Combine(dir!, "bin", "python" + majorMinor), Path.GetFileName(dir!), "pyenv");
    }

    private static string DebianWheel(string name) =>
        Directory.Exists("/usr/share/python-wheels") && Directory.EnumerateFiles("/usr/share/python-wheels", name + "-*.whl").FirstOrDefault() is { } w
            ? w : throw new IgnoreException($"no Debian {name} wheel here");

    [Test]
    public void Debians_setuptools_wheel_is_refused_for_a_pyenv_Python_with_the_reason()
    {
        var why = PythonBuildTools.WhyUnusable(Pyenv("3.11"), "setuptools", DebianWheel("setuptools"));
        Assert.That(why, Does.Contain("install_layout"));
    }

    [Test]
    public void The_interpreters_bundled_pip_and_setuptools_work_with_it()
    {
        var python = Pyenv("3.11");
        var bundled = PythonBuildTools.BundledWheels(python).ToList();
        Assert.That(bundled.Select(w => PythonBuildTools.NameAndVersion(w).Name), Is.SupersetOf(new[] { "pip", "setuptools" }));
        foreach (var wheel in bundled)
            Assert.That(PythonBuildTools.WhyUnusable(python, PythonBuildTools.NameAndVersion(wheel).Name, wheel), Is.Null, wheel);
    }

    [Test]
    public void A_setuptools_too_old_for_the_interpreter_is_refused()
    {
        // Python 3.11's bundled setuptools predates 3.12's removal of pkgutil.ImpImporter.
        var old = PythonBuildTools.BundledWheels(Pyenv("3.11")).First(w => PythonBuildTools.NameAndVersion(w).Name == "setuptools");
        Assert.That(PythonBuildTools.WhyUnusable(Pyenv("3.12"), "setuptools", old), Does.Contain("ImpImporter"));
    }
}
