using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.ExternalCondaBuild.Patching;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>Bootstrapping the conda-build environment with fake conda tools (see <see cref="FakeConda"/>).</summary>
[TestFixture]
public class CondaBuildBootstrapperTests
{
    private string _dir = null!;
    private FakeConda _fake = null!;
    private string _yaml = null!;
    private string _env = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = TestFiles.NewTempDirectory();
        _fake = new FakeConda(Path.Combine(_dir, "fake"));
        _yaml = Path.Combine(_dir, "conda_build.yaml");
        File.WriteAllText(_yaml, "name: conda_build\ndependencies:\n  - python =3.11\n  - conda-build\n");
        _env = Path.Combine(_dir, "work", "conda_build");
    }

    [TearDown]
    public void TearDown() => TestFiles.DeleteQuietly(_dir);

    [Test]
    public async Task Ensure_CreatesStampsAndPatches_WithFakeConda()
    {
        var conda = _fake.WriteCondaTool("conda");
        var lines = new List<string>();

        var result = await new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Conda, conda))
            .EnsureAsync(_env, _yaml, Path.Combine(_dir, "logs", "bootstrap.log"), lines.Add);

        Assert.That(_fake.CondaCalls, Is.EqualTo(new[] { $"{conda}|env|create|-p|{_env}|-f|{_yaml}" }));
        Assert.That(result.Created, Is.True);
        Assert.That(result.CondaBuildExecutable, Is.EqualTo(Path.Combine(_env, "bin", "conda-build")));
        var stamp = BootstrapStamp.TryRead(_env)!;
        Assert.That(stamp.EnvironmentFileSha256, Is.EqualTo(TestFiles.Run("sha256sum", _yaml).Output[..64]));
        Assert.That(stamp.Tool, Is.EqualTo("conda"));
        Assert.That(result.Patch.CondaBuildVersion, Is.EqualTo("24.9.0"));
        Assert.That(result.Patch.SyntaxChecked, Is.True, "the environment's bin/python parses the patched file");
        Assert.That(File.ReadAllText(result.Patch.PostPy), Does.Contain(PostPyPatch.Marker));
        Assert.That(lines, Does.Contain("Executing transaction: done"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "logs", "bootstrap.log")), Does.Contain("Executing transaction: done"));
    }

    [Test]
    public async Task Ensure_Twice_DoesNotRecreate_WithFakeConda()
    {
        var bootstrapper = new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Conda, _fake.WriteCondaTool("conda")));
        await bootstrapper.EnsureAsync(_env, _yaml);
        var postPy = Path.Combine(_env, "lib", "python3.11", "site-packages", "conda_build", "post.py");
        var patchedOnce = await File.ReadAllBytesAsync(postPy);

        var second = await bootstrapper.EnsureAsync(_env, _yaml);

        Assert.That(_fake.CondaCalls, Has.Count.EqualTo(1));
        Assert.That(second.Created, Is.False);
        Assert.That(second.Patch.AlreadyPatched, Is.True);
        Assert.That(await File.ReadAllBytesAsync(postPy), Is.EqualTo(patchedOnce));
    }

    [Test]
    public async Task Ensure_EnvironmentFileChanged_RemovesAndRecreates_WithFakeConda()
    {
        var bootstrapper = new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Mamba, _fake.WriteCondaTool("mamba")));
        await bootstrapper.EnsureAsync(_env, _yaml);
        var leftover = Path.Combine(_env, "leftover-from-old-env");
        File.WriteAllText(leftover, "");

        File.AppendAllText(_yaml, "  - conda-verify\n");
        var result = await bootstrapper.EnsureAsync(_env, _yaml);

        Assert.That(result.Created, Is.True);
        Assert.That(_fake.CondaCalls, Has.Count.EqualTo(2));
        Assert.That(_fake.CondaCalls[1], Does.EndWith($"|env|create|-p|{_env}|-f|{_yaml}"));
        Assert.That(File.Exists(leftover), Is.False);
        Assert.That(BootstrapStamp.TryRead(_env)!.EnvironmentFileSha256, Is.EqualTo(BootstrapStamp.Sha256Of(_yaml)));
    }

    [Test]
    public async Task Ensure_ParallelCalls_CreateOnce_WithFakeConda()
    {
        var tool = new CondaTool(CondaToolKind.Conda, _fake.WriteCondaTool("conda"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new CondaBuildBootstrapper(tool).EnsureAsync(_env, _yaml))));

        Assert.That(_fake.CondaCalls, Has.Count.EqualTo(1));
        Assert.That(results.Count(r => r.Created), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Patch.AlreadyPatched), Is.EqualTo(3));
    }

    [Test]
    public async Task Ensure_Micromamba_UsesCreateWithYes_WithFakeConda()
    {
        var micromamba = _fake.WriteCondaTool("micromamba");
        await new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Micromamba, micromamba)).EnsureAsync(_env, _yaml);
        Assert.That(_fake.CondaCalls, Is.EqualTo(new[] { $"{micromamba}|create|-p|{_env}|-f|{_yaml}|-y" }));
    }

    [Test]
    public async Task Ensure_HalfCreatedEnvironmentWithoutStamp_IsRecreated_WithFakeConda()
    {
        Directory.CreateDirectory(Path.Combine(_env, "conda-meta"));
        await new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Conda, _fake.WriteCondaTool("conda"))).EnsureAsync(_env, _yaml);
        Assert.That(BootstrapStamp.TryRead(_env), Is.Not.Null);
    }

    [Test]
    public void Ensure_CreateFails_CodedErrorWithCommandAndTail_WithFakeConda()
    {
        var conda = _fake.WriteCondaTool("conda", failWith: "PackagesNotFoundError: conda-libmamba-solver=24.9 is not available");

        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Conda, conda)).EnsureAsync(_env, _yaml));

        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.EnvironmentCreateFailed));
        Assert.That(e.Message, Does.Contain($"{conda} env create -p {_env} -f {_yaml}"));
        Assert.That(e.Message, Does.Contain("PackagesNotFoundError: conda-libmamba-solver=24.9 is not available"));
        Assert.That(e.Message, Does.Contain("exit code 1"));
        Assert.That(e.File, Is.EqualTo(_yaml));
        Assert.That(BootstrapStamp.TryRead(_env), Is.Null);
    }

    [Test]
    public void Ensure_TargetIsSomeoneElsesDirectory_IsRefusedAndKept_WithFakeConda()
    {
        Directory.CreateDirectory(_env);
        var precious = Path.Combine(_env, "thesis.tex");
        File.WriteAllText(precious, "");

        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Conda, _fake.WriteCondaTool("conda"))).EnsureAsync(_env, _yaml));

        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.RefusingToReplaceDirectory));
        Assert.That(File.Exists(precious), Is.True);
        Assert.That(_fake.CondaCalls, Is.Empty);
    }

    [Test]
    public void Ensure_MissingEnvironmentFile_IsCR7101()
    {
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            new CondaBuildBootstrapper(new CondaTool(CondaToolKind.Conda, "/nonexistent/conda"))
                .EnsureAsync(_env, Path.Combine(_dir, "missing.yaml")));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.EnvironmentFileMissing));
    }

    [Test]
    public void ShippedEnvironmentFile_PinsTheSolverAndListsTheTools()
    {
        var repoRoot = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(Path.Combine(repoRoot, "CondaRecipes.sln"))) repoRoot = Path.GetDirectoryName(repoRoot)!;
        var yaml = File.ReadAllText(Path.Combine(repoRoot, "eng", "conda_build.yaml"));
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var deps = ((YamlDotNet.RepresentationModel.YamlSequenceNode)root["dependencies"]).Select(n => n.ToString()).ToList();
        Assert.That(deps, Is.EquivalentTo(new[]
            { "python =3.11", "conda-build", "conda-tree", "conda-verify", "conda-libmamba-solver =24.9.*" }));
    }
}
