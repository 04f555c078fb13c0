using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>Finding conda/mamba/micromamba and conda-build in directories the test lays out.</summary>
[TestFixture]
public class CondaToolLocatorTests
{
    private string _dir = null!;
    private string _first = null!;
    private string _second = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = TestFiles.NewTempDirectory();
        _first = Path.Combine(_dir, "first");
        _second = Path.Combine(_dir, "second");
        Directory.CreateDirectory(_first);
        Directory.CreateDirectory(_second);
        _path = string.Join(Path.PathSeparator, _first, "", _second);
    }

    [TearDown]
    public void TearDown() => TestFiles.DeleteQuietly(_dir);

    private static string Tool(string dir, string name) => TestFiles.WriteExecutable(Path.Combine(dir, name), "#!/bin/sh\n");

    [Test]
    public void DefaultPreference_PrefersCondaOverEarlierMamba()
    {
        Tool(_first, "mamba");
        var conda = Tool(_second, "conda");
        Assert.That(new CondaToolLocator().FindTool(_path), Is.EqualTo(new CondaTool(CondaToolKind.Conda, conda)));
    }

    [Test]
    public void ConfiguredPreference_IsHonoured()
    {
        Tool(_first, "conda");
        var micromamba = Tool(_second, "micromamba");
        var locator = new CondaToolLocator(preference: [CondaToolKind.Micromamba, CondaToolKind.Conda]);
        Assert.That(locator.FindTool(_path), Is.EqualTo(new CondaTool(CondaToolKind.Micromamba, micromamba)));
    }

    [Test]
    public void SameTool_FirstPathDirectoryWins()
    {
        var inFirst = Tool(_first, "conda");
        Tool(_second, "conda");
        Assert.That(new CondaToolLocator().FindTool(_path).ExecutablePath, Is.EqualTo(inFirst));
    }

    [Test]
    public void NonExecutableFile_IsSkipped()
    {
        File.WriteAllText(Path.Combine(_first, "conda"), "not executable");
        var mamba = Tool(_second, "mamba");
        Assert.That(new CondaToolLocator().FindTool(_path), Is.EqualTo(new CondaTool(CondaToolKind.Mamba, mamba)));
    }

    [Test]
    public void ExplicitPath_WinsOverPath_AndKindComesFromItsName()
    {
        Tool(_first, "conda");
        var explicitTool = Tool(Path.Combine(_dir, "opt", "bin"), "micromamba");
        Assert.That(new CondaToolLocator(explicitTool).FindTool(_path),
            Is.EqualTo(new CondaTool(CondaToolKind.Micromamba, explicitTool)));
    }

    [Test]
    public void ExplicitPath_WithUnrecognisedName_NeedsAKind()
    {
        var wrapper = Tool(_dir, "site-conda-wrapper");
        var e = Assert.Throws<CondaRecipesException>(() => new CondaToolLocator(wrapper).FindTool(_path));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.BadToolSettings));
        Assert.That(new CondaToolLocator(wrapper, CondaToolKind.Mamba).FindTool(_path).Kind, Is.EqualTo(CondaToolKind.Mamba));
    }

    [Test]
    public void ExplicitPath_Missing_IsCR7001()
    {
        var e = Assert.Throws<CondaRecipesException>(() => new CondaToolLocator(Path.Combine(_dir, "nope", "conda")).FindTool(_path));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.ExplicitToolNotUsable));
        Assert.That(e.Message, Does.Contain(Path.Combine(_dir, "nope", "conda")));
    }

    [Test]
    public void NothingFound_IsCR7002NamingTheSearchedDirectories()
    {
        var e = Assert.Throws<CondaRecipesException>(() => new CondaToolLocator().FindTool(_path));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.NoCondaToolFound));
        Assert.That(e.Message, Does.Contain(_first).And.Contain(_second).And.Contain("conda, mamba, micromamba"));
        Assert.That(new CondaToolLocator().TryFindOnPath(null), Is.Null);
    }

    [Test]
    public void EmptyPreference_IsRejected() =>
        Assert.That(() => new CondaToolLocator(preference: []),
            Throws.TypeOf<CondaRecipesException>().With.Property(nameof(CondaRecipesException.Code)).EqualTo(CondaBuildErrorCodes.BadToolSettings));

    [Test]
    public void CondaBuild_InEnvironmentWinsOverPath()
    {
        Tool(_first, "conda-build");
        var env = Path.Combine(_dir, "env");
        var inEnv = Tool(Path.Combine(env, "bin"), "conda-build");
        Assert.That(CondaToolLocator.FindCondaBuild(env, _path), Is.EqualTo(inEnv));
    }

    [Test]
    public void CondaBuild_FallsBackToPath_ThenCR7301()
    {
        var onPath = Tool(_second, "conda-build");
        Assert.That(CondaToolLocator.FindCondaBuild(Path.Combine(_dir, "no-env"), _path), Is.EqualTo(onPath));
        File.Delete(onPath);
        var e = Assert.Throws<CondaRecipesException>(() => CondaToolLocator.FindCondaBuild(Path.Combine(_dir, "no-env"), _path));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.CondaBuildNotFound));
    }
}
