using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Testing;

/// <summary>What every v1 test of one output runs with: the variant, the built archive (and its extracted
/// folder), its final run requirements, and the log all of the output's tests append to.</summary>
public sealed record V1TestContext(
    VariantBuildRequest Request,
    WorkLayout Layout,
    PythonInterpreter? Python,
    RenderedOutput Output,
    string Archive,
    string Extracted,
    FinalRequirements Requirements,
    string RecipeFile,
    string TestLog,
    IBuildLog Log,
    CancellationToken Cancellation)
{
    /// <summary>A fresh folder for test number <paramref name="index"/> (its prefix, its files).</summary>
    public string TestFolder(int index, string kind)
    {
        var dir = Path.Combine(Layout.TestDir, $"{index}-{kind}");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The pin that installs exactly this build of the package.</summary>
    public string ExactSpec => $"{Output.Recipe.Package.Name} =={Output.Recipe.Package.Version} {Output.BuildString}";

    /// <summary>The test variables of <paramref name="prefix"/>, naming this output.</summary>
    public Dictionary<string, string> Environment(string prefix, PythonInterpreter? python)
    {
        var env = TestPrefix.Environment(Request, Layout, prefix, python);
        env["PKG_NAME"] = Output.Recipe.Package.Name;
        env["PKG_VERSION"] = Output.Recipe.Package.Version;
        env["PKG_BUILD_STRING"] = Output.BuildString;
        // What rattler-build's test scripts see besides the prefix's variables: the package's build number
        // and the platforms (one here: the build runs on the platform it packages for).
        env["PKG_BUILDNUM"] = env["PKG_BUILD_NUMBER"] = Output.Recipe.Build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["CONDA_BUILD"] = "1";
        env["SUBDIR"] = env["target_platform"] = env["host_platform"] = env["build_platform"] = Request.PlatformSubdir;
        return env;
    }
}
