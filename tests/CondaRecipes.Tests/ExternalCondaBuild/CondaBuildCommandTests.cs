using CondaRecipes.ExternalCondaBuild;

namespace CondaRecipes.Tests.CondaBuild;

[TestFixture]
public class CondaBuildCommandTests
{
    private static CondaBuildInvocation Mpi4py() => new()
    {
        RecipeDirectory = "/site/recipes/mpi4py",
        PythonVersion = "3.11",
        OutputFolder = "/site/output",
        VariantName = "py3.11-mpi4py3.1.6",
        Environment = new Dictionary<string, string> { ["MPI4PY_VERSION"] = "3.1.6" },
    };

    [Test]
    public void BuildArguments_MirrorTheOriginalMakefile()
    {
        Assert.That(CondaBuildCommand.BuildArguments(Mpi4py()), Is.EqualTo(new[]
        {
            "--python", "3.11",
            "--channel", "file:///site/output",
            "--channel", "conda-forge",
            "--output-folder", "/site/output",
            "/site/recipes/mpi4py",
        }));
    }

    [Test]
    public void BuildArguments_VariantFilesExtraArgsAndChannelsInOrder()
    {
        var invocation = Mpi4py() with
        {
            UseOutputFolderAsChannel = false,
            Channels = ["ncar", "conda-forge"],
            VariantConfigFiles = ["/site/variants/derecho.yaml", "/site/variants/gcc.yaml"],
            ExtraArguments = ["--no-test", "--error-overlinking"],
        };
        Assert.That(CondaBuildCommand.BuildArguments(invocation), Is.EqualTo(new[]
        {
            "--python", "3.11", "--channel", "ncar", "--channel", "conda-forge", "--output-folder", "/site/output",
            "-m", "/site/variants/derecho.yaml", "-m", "/site/variants/gcc.yaml", "--no-test", "--error-overlinking",
            "/site/recipes/mpi4py",
        }));
    }

    [Test]
    public void OutputArguments_AddOutputBeforeTheRecipe()
    {
        var args = CondaBuildCommand.OutputArguments(Mpi4py());
        Assert.That(args.TakeLast(2), Is.EqualTo(new[] { "--output", "/site/recipes/mpi4py" }));
        Assert.That(args.Count, Is.EqualTo(CondaBuildCommand.BuildArguments(Mpi4py()).Count + 1));
    }

    [Test]
    public void EnvironmentVariables_CarryTheVariantAndThePythonVersion()
    {
        Assert.That(CondaBuildCommand.EnvironmentVariables(Mpi4py()), Is.EqualTo(new Dictionary<string, string?>
        {
            ["MPI4PY_VERSION"] = "3.1.6",
            ["ENV_PYTHON_VERSION"] = "3.11",
        }));
        var overridden = Mpi4py() with { Environment = new Dictionary<string, string> { ["ENV_PYTHON_VERSION"] = "3.10" } };
        Assert.That(CondaBuildCommand.EnvironmentVariables(overridden)["ENV_PYTHON_VERSION"], Is.EqualTo("3.10"));
    }

    [Test]
    public void FileUrl_IsAbsoluteAndEscaped() =>
        Assert.That(CondaBuildCommand.FileUrl("/site/my output"), Is.EqualTo("file:///site/my%20output"));

    [Test]
    public void LogFile_IsPerRecipeAndVariant() =>
        Assert.That(CondaBuildCommand.LogFile("/site/logs", Mpi4py() with { VariantName = "py3.11/odd" }),
            Is.EqualTo("/site/logs/mpi4py/py3.11_odd.log"));

    [Test]
    public void CommandLine_QuotesOnlyWhatTheShellWouldSplit() =>
        Assert.That(CommandLine.Format("/env/bin/conda-build", ["--python", "3.11", "my recipe", "it's"]),
            Is.EqualTo("/env/bin/conda-build --python 3.11 'my recipe' 'it'\\''s'"));
}
