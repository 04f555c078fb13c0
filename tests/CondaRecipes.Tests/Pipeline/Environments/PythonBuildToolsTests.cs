using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Tests.Pipeline.Environments;

/// <summary>Build tools are chosen by whether they work with the interpreter, tried with real pyenv Pythons.</summary>
public class PythonBuildToolsTests
{
    /// <summary>The pyenv interpreter the engine's own locator picks for <paramref name="majorMinor"/>, or the test is ignored.</summary>
    internal static PythonInterpreter Pyenv(string majorMinor)
    {
        try
        {
            var python = new PythonLocator([], Environment.GetEnvironmentVariable("PYENV_ROOT"),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "").Find(majorMinor);
            if (python.Origin == "pyenv") return python;
        }
        catch (CondaRecipes.Diagnostics.CondaRecipesException) { }
        Assert.Ignore($"no pyenv Python {majorMinor} here (eng/setup.sh installs it)");
        return null!;
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
