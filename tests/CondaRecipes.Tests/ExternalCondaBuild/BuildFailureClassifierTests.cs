using CondaRecipes.ExternalCondaBuild;

namespace CondaRecipes.Tests.CondaBuild;

[TestFixture]
public class BuildFailureClassifierTests
{
    [TestCase("conda.exceptions.UnsatisfiableError: The following specifications were found to be incompatible", "UnsatisfiableError")]
    [TestCase("conda.exceptions.ResolvePackageNotFound: ", "ResolvePackageNotFound")]
    [TestCase("conda_libmamba_solver.exceptions.LibMambaUnsatisfiableError: Encountered problems while solving:", "LibMambaUnsatisfiableError")]
    public void SolverErrors_AreRecognised(string line, string name)
    {
        string[] log = ["Adding in variants from internal_defaults", line, "  - nothing provides mpi4py =*_derecho"];
        Assert.That(BuildFailureClassifier.SolverErrorIn(log), Is.EqualTo(name));
        Assert.That(BuildFailureClassifier.Classify(log), Is.EqualTo(BuildFailureKind.Solver));
    }

    [Test]
    public void ScriptFailure_IsNotASolverFailure()
    {
        string[] log = ["+ make -j 8", "gcc: error: mpi.h: No such file or directory", "subprocess.CalledProcessError: Command '['/bin/bash', '-o', 'errexit', 'conda_build.sh']' returned non-zero exit status 2."];
        Assert.That(BuildFailureClassifier.Classify(log), Is.EqualTo(BuildFailureKind.BuildScript));
    }

    [Test]
    public void The_solver_report_is_the_error_line_and_its_problem_lines_wherever_stdout_put_its_own()
    {
        string[] log = ["build line 1", "LibMambaUnsatisfiableError: Encountered problems while solving:", "build line 2",
            "  - nothing provides mpi4py =*_derecho", "build line 3"];
        Assert.That(BuildFailureClassifier.SolverReport(log), Is.EqualTo(new[] { log[1], log[3] }));
        Assert.That(BuildFailureClassifier.SolverReport(["build line 1"]), Is.Empty);
    }
}
