namespace CondaRecipes.Pipeline.Environments;

/// <summary>A Python interpreter on the host that can serve a variant's <c>python</c> requirement.</summary>
/// <param name="Executable">Full path of the interpreter.</param>
/// <param name="Version">Full version, e.g. <c>3.11.7</c>.</param>
/// <param name="Origin">How it was found (pyenv, PATH, a CondaExternal item), for messages.</param>
public sealed record PythonInterpreter(string Executable, string Version, string Origin)
{
    /// <summary><c>3.11</c> of <c>3.11.7</c>.</summary>
    public string MajorMinor => string.Join('.', Version.Split('.').Take(2));
}
