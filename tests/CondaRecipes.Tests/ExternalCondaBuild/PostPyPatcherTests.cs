using CondaRecipes.ExternalCondaBuild;
using CondaRecipes.ExternalCondaBuild.Patching;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>
/// The post.py patch on fixtures shaped like the 3.2x and 24.x+ releases, proven by running the patched
/// module with the real python3 and patchelf on a gcc-built shared library and reading its RPATH back
/// with readelf.
/// </summary>
[TestFixture]
public class PostPyPatcherTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestFiles.NewTempDirectory();

    [TearDown]
    public void TearDown() => TestFiles.DeleteQuietly(_dir);

    [TestCase("cb3x", "3.28.4")]
    [TestCase("cb24x", "24.9.0")]
    public async Task Apply_MarksFileKeepsBackupAndReportsVersion(string family, string version)
    {
        var env = Path.Combine(_dir, "env");
        var postPy = TestFiles.InstallFixtureCondaBuild(env, family);
        var stock = await File.ReadAllBytesAsync(postPy);

        var result = await new PostPyPatcher(TestFiles.Python3).ApplyAsync(env);

        Assert.That(result.CondaBuildVersion, Is.EqualTo(version));
        Assert.That(result.AlreadyPatched, Is.False);
        Assert.That(result.SyntaxChecked, Is.True);
        var patched = await File.ReadAllTextAsync(postPy);
        Assert.That(patched, Does.Contain(PostPyPatch.Marker));
        Assert.That(PostPyPatch.MissingChanges(patched), Is.Empty);
        Assert.That(patched, Does.Contain(PostPyPatch.CallArgument));
        Assert.That(await File.ReadAllBytesAsync(postPy + PostPyPatcher.BackupSuffix), Is.EqualTo(stock));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(postPy)!, "*tmp*"), Is.Empty);
    }

    [TestCase("cb3x")]
    [TestCase("cb24x")]
    public async Task Apply_Twice_LeavesIdenticalBytes(string family)
    {
        var env = Path.Combine(_dir, "env");
        var postPy = TestFiles.InstallFixtureCondaBuild(env, family);
        var patcher = new PostPyPatcher(TestFiles.Python3);

        await patcher.ApplyAsync(env);
        var once = await File.ReadAllBytesAsync(postPy);
        var again = await patcher.ApplyAsync(env);

        Assert.That(again.AlreadyPatched, Is.True);
        Assert.That(await File.ReadAllBytesAsync(postPy), Is.EqualTo(once));
    }

    [Test]
    public async Task Apply_ChangedShape_RefusesWithVersionAndLeavesFileUntouched()
    {
        var env = Path.Combine(_dir, "env");
        var postPy = TestFiles.InstallFixtureCondaBuild(env, "changed");
        var before = await File.ReadAllBytesAsync(postPy);

        var e = Assert.ThrowsAsync<CondaRecipesException>(() => new PostPyPatcher(TestFiles.Python3).ApplyAsync(env));

        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.PostPyShapeNotRecognised));
        Assert.That(e.Message, Does.Contain("conda-build 27.1.0"));
        Assert.That(e.Message, Does.Contain("mk_relative_linux"));
        Assert.That(e.File, Is.EqualTo(postPy));
        Assert.That(e.Hint, Is.Not.Empty);
        Assert.That(await File.ReadAllBytesAsync(postPy), Is.EqualTo(before));
        Assert.That(File.Exists(postPy + PostPyPatcher.BackupSuffix), Is.False);
    }

    [Test]
    public async Task Apply_SyntaxCheckFails_IsCR7203AndLeavesFileUntouched()
    {
        var env = Path.Combine(_dir, "env");
        var postPy = TestFiles.InstallFixtureCondaBuild(env, "cb24x");
        var before = await File.ReadAllBytesAsync(postPy);
        // An "interpreter" that rejects every file stands for a patched text Python cannot parse.
        var rejecting = TestFiles.WriteExecutable(Path.Combine(_dir, "python-rejects"), "#!/bin/sh\necho 'SyntaxError: invalid syntax' >&2\nexit 1\n");

        var e = Assert.ThrowsAsync<CondaRecipesException>(() => new PostPyPatcher(rejecting).ApplyAsync(env));

        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.PostPyPatchVerificationFailed));
        Assert.That(e.Message, Does.Contain("24.9.0").And.Contain("SyntaxError"));
        Assert.That(await File.ReadAllBytesAsync(postPy), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(postPy)!).Select(Path.GetFileName),
            Has.None.Contains(".orig").And.None.Contains("tmp"));
    }

    [Test]
    public void Apply_NoCondaBuildInEnvironment_IsCR7201()
    {
        var e = Assert.ThrowsAsync<CondaRecipesException>(() => new PostPyPatcher().ApplyAsync(_dir));
        Assert.That(e!.Code, Is.EqualTo(CondaBuildErrorCodes.PostPyNotFound));
    }

    /// <summary>
    /// A shared library linked with RPATH entries for a host library dir (/opt/cray/...), another host dir
    /// and a dir inside the prefix. Stock behaviour drops both host dirs; the patched one keeps the
    /// whitelisted one, verbatim and in place.
    /// </summary>
    [TestCase("cb3x")]
    [TestCase("cb24x")]
    public async Task PatchedModule_KeepsWhitelistedRpath_OnARealElf(string family)
    {
        RequireTools("gcc", "patchelf", "readelf");
        var env = Path.Combine(_dir, "env");
        TestFiles.InstallFixtureCondaBuild(env, family);
        var sitePackages = Path.Combine(env, "lib", "python3.11", "site-packages");
        var prefix = Path.Combine(_dir, "host-prefix");

        var stockRpath = BuildLibraryAndPostProcess(sitePackages, prefix, new[] { "/opt/cray/*" });
        await new PostPyPatcher(TestFiles.Python3).ApplyAsync(env);
        var patchedRpath = BuildLibraryAndPostProcess(sitePackages, prefix, new[] { "/opt/cray/*" });
        var notWhitelisted = BuildLibraryAndPostProcess(sitePackages, prefix, new[] { "/glade/u/apps/*" });
        var singleString = BuildLibraryAndPostProcess(sitePackages, prefix, "/opt/cray/*");

        Assert.That(stockRpath, Is.EqualTo("$ORIGIN/extra:$ORIGIN/."));
        Assert.That(patchedRpath, Is.EqualTo("/opt/cray/pe/mpich/8.1.25/ofi/gnu/9.1/lib:$ORIGIN/extra:$ORIGIN/."));
        Assert.That(notWhitelisted, Is.EqualTo("$ORIGIN/extra:$ORIGIN/."));
        Assert.That(singleString, Is.EqualTo(patchedRpath));
    }

    /// <summary>Compiles libdemo.so into the prefix, runs post_process_shared_lib on it, returns its RPATH per readelf.</summary>
    private string BuildLibraryAndPostProcess(string sitePackages, string prefix, object whitelist)
    {
        var lib = Path.Combine(prefix, "lib");
        Directory.CreateDirectory(lib);
        var source = Path.Combine(_dir, "demo.c");
        File.WriteAllText(source, "int demo_answer(void) { return 42; }\n");
        var so = Path.Combine(lib, "libdemo.so");
        var rpath = $"/opt/cray/pe/mpich/8.1.25/ofi/gnu/9.1/lib:/usr/local/unlisted/lib:{lib}/extra";
        var (gccExit, gccOut) = TestFiles.Run("gcc", "-shared", "-fPIC", "-o", so, source,
            "-Wl,--disable-new-dtags", "-Wl,-rpath," + rpath);
        Assert.That(gccExit, Is.Zero, gccOut);

        var metadata = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["build/host_runpath_whitelist"] = whitelist,
        });
        var (pyExit, pyOut) = TestFiles.Run(TestFiles.Python3, TestFiles.Fixture("run_post_process.py"),
            sitePackages, prefix, "lib/libdemo.so", metadata);
        Assert.That(pyExit, Is.Zero, pyOut);

        var (readelfExit, dynamic) = TestFiles.Run("readelf", "-d", so);
        Assert.That(readelfExit, Is.Zero, dynamic);
        var line = dynamic.Split('\n').Single(l => l.Contains("(RPATH)"));
        return line[(line.IndexOf('[') + 1)..line.LastIndexOf(']')];
    }

    private static void RequireTools(params string[] tools)
    {
        foreach (var tool in tools)
            if (TestFiles.Which(tool) is null) Assert.Ignore($"{tool} not on PATH (Debian: binutils, gcc, patchelf)");
    }
}
