using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>Running a (fake) conda-build: argv, environment, logs, failure classes, cancellation, the output-name cache.</summary>
[TestFixture]
public class CondaBuildRunnerTests
{
    private string _dir = null!;
    private FakeConda _fake = null!;
    private string _condaBuild = null!;
    private string _recipe = null!;
    private string _output = null!;
    private string _logs = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = TestFiles.NewTempDirectory();
        _fake = new FakeConda(Path.Combine(_dir, "fake"));
        _condaBuild = _fake.WriteCondaBuild(Path.Combine(_fake.BinDirectory, "conda-build"));
        _recipe = Path.Combine(_dir, "recipes", "mpi4py");
        Directory.CreateDirectory(_recipe);
        File.WriteAllText(Path.Combine(_recipe, "meta.yaml"), "package: {name: mpi4py, version: 1.0}\n");
        _output = Path.Combine(_dir, "output");
        _logs = Path.Combine(_dir, "logs");
    }

    [TearDown]
    public void TearDown() => TestFiles.DeleteQuietly(_dir);

    private CondaBuildInvocation Variant(Dictionary<string, string>? env = null) => new()
    {
        RecipeDirectory = _recipe,
        PythonVersion = "3.12",
        OutputFolder = _output,
        VariantName = "py3.12-mpi4py4.0.0",
        Environment = env ?? new() { ["MPI4PY_VERSION"] = "4.0.0", ["NCAR_BUILD_ENV"] = "derecho-gcc" },
    };

    [Test]
    public async Task Build_PassesArgvAndVariables_TeesLog_WithFakeCondaBuild()
    {
        var lines = new List<string>();

        var result = await new CondaBuildRunner(_condaBuild, _logs).BuildAsync(Variant(), lines.Add);

        Assert.That(_fake.CondaBuildCalls, Is.EqualTo(new[]
        {
            $"--python|3.12|--channel|file://{_output}|--channel|conda-forge|--output-folder|{_output}|{_recipe}",
        }));
        Assert.That(File.ReadAllLines(_fake.CondaBuildEnvLog),
            Is.EqualTo(new[] { "MPI4PY_VERSION=4.0.0 ENV_PYTHON_VERSION=3.12 NCAR_BUILD_ENV=derecho-gcc" }));
        Assert.That(File.Exists(Path.Combine(_output, "noarch", "mpi4py-1.0-4.0.0.conda")), Is.True);
        Assert.That(result.LogFile, Is.EqualTo(Path.Combine(_logs, "mpi4py", "py3.12-mpi4py4.0.0.log")));
        var log = File.ReadAllLines(result.LogFile);
        Assert.That(log, Does.Contain("build line 40"));
        Assert.That(lines, Is.EqualTo(log));
        Assert.That(File.Exists(Path.Combine(_output, "noarch", "repodata.json")), Is.True, "empty local channel for file:// URL");
    }

    [Test]
    public void Build_SolverFailure_IsCR7302WithCommandAndTail_WithFakeCondaBuild()
    {
        var variant = Variant(new() { ["FAKE_BUILD_FAIL"] = "solver" });

        var e = Assert.ThrowsAsync<CondaRecipesException>(() => new CondaBuildRunner(_condaBuild, _logs).BuildAsync(variant));

        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.SolverFailed));
        Assert.That(e.Message, Does.Contain("LibMambaUnsatisfiableError"));
        Assert.That(e.Message, Does.Contain($"{_condaBuild} --python 3.12 --channel file://{_output}"));
        Assert.That(e.Message, Does.Contain("nothing provides mpi4py =*_derecho"));
        Assert.That(e.Message, Does.Contain("Last 30 lines"));
        // 40 stdout lines and 2 stderr lines: the log's last 30 lines begin at build line 11 or 13, depending on where
        // the other pipe's lines landed (they are read on another thread), never earlier.
        Assert.That(e.Message, Does.Contain("build line 40"));
        Assert.That(e.Message, Does.Not.Contain("build line 10\n"), "only the last 30 lines are quoted");
        Assert.That(e.File, Is.EqualTo(Path.Combine(_recipe, "meta.yaml")));
    }

    [Test]
    public void Build_ScriptFailure_IsCR7303_WithFakeCondaBuild()
    {
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            new CondaBuildRunner(_condaBuild, _logs).BuildAsync(Variant(new() { ["FAKE_BUILD_FAIL"] = "build" })));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.BuildFailed));
        Assert.That(e.Message, Does.Contain("exit code 2"));
        Assert.That(e.Message, Does.Contain("make: No rule to make target"));
    }

    [Test]
    public void Build_MissingCondaBuild_IsCR7301()
    {
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            new CondaBuildRunner(Path.Combine(_dir, "no", "conda-build"), _logs).BuildAsync(Variant()));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.CondaBuildNotFound));
        Assert.That(e.Message, Does.Contain("--output-folder"));
    }

    [Test]
    public async Task Build_Cancelled_KillsTheProcessTree_WithFakeCondaBuild()
    {
        var pidFile = Path.Combine(_dir, "child.pid");
        var variant = Variant(new() { ["FAKE_BUILD_SLEEP"] = "1", ["FAKE_CHILD_PID_FILE"] = pidFile });
        using var cts = new CancellationTokenSource();
        var build = new CondaBuildRunner(_condaBuild, _logs).BuildAsync(variant, cancellationToken: cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the fake conda-build never started its child");
            await Task.Delay(50);
        }
        var childPid = int.Parse(File.ReadAllText(pidFile).Trim());

        await cts.CancelAsync();

        Assert.That(async () => await build, Throws.InstanceOf<OperationCanceledException>());
        var gone = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{childPid}") && !IsZombie(childPid) && DateTime.UtcNow < gone) await Task.Delay(50);
        Assert.That(Directory.Exists($"/proc/{childPid}") && !IsZombie(childPid), Is.False, "the child sleep was killed");
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z"; }
        catch (IOException) { return true; }
    }

    [Test]
    public async Task OutputPaths_SecondAskIsACacheHit_WithFakeCondaBuild()
    {
        var runner = new CondaBuildRunner(_condaBuild, _logs);
        var cache = new OutputNameCache(Path.Combine(_dir, "obj", "output-names.json"));

        var first = await runner.GetOutputPathsAsync(Variant(), cache, "hash-a");
        var second = await runner.GetOutputPathsAsync(Variant(), cache, "hash-a");

        Assert.That(first, Is.EqualTo(new[] { Path.Combine(_output, "noarch", "mpi4py-1.0-4.0.0.conda") }));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(_fake.CondaBuildCalls, Is.EqualTo(new[]
        {
            $"--python|3.12|--channel|file://{_output}|--channel|conda-forge|--output-folder|{_output}|--output|{_recipe}",
        }), "conda-build ran once, for the miss");

        await runner.GetOutputPathsAsync(Variant(), cache, "hash-b");
        Assert.That(_fake.CondaBuildCalls, Has.Count.EqualTo(2), "another inputs hash is a miss");
    }

    [Test]
    public async Task OutputPaths_CacheSurvivesANewInstance_WithFakeCondaBuild()
    {
        var file = Path.Combine(_dir, "obj", "output-names.json");
        await new CondaBuildRunner(_condaBuild, _logs).GetOutputPathsAsync(Variant(), new OutputNameCache(file), "h");
        var again = await new CondaBuildRunner(Path.Combine(_dir, "missing-conda-build"), _logs)
            .GetOutputPathsAsync(Variant(), new OutputNameCache(file), "h");
        Assert.That(again.Single(), Does.EndWith("mpi4py-1.0-4.0.0.conda"));
    }
}
