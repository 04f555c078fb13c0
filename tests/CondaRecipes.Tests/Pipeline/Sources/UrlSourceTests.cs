using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Build.Sources;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class UrlSourceTests : SourceTestBase
{
    [Test]
    public async Task Http_tarball_is_downloaded_verified_cached_and_extracted()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        using var server = new LoopbackServer();
        var url = server.Serve("dl/demo-1.0.tar.gz", File.ReadAllBytes(tarball));
        var sha = Sha256Of(tarball);

        var work = WorkDir();
        await Prepare(work, Spec() with { Urls = [url], Sha256 = sha.ToUpperInvariant() });

        Assert.That(File.ReadAllText(Path.Combine(work, "setup.py")), Is.EqualTo("print('setup')\n"),
            "the single top-level directory is hoisted");
        Assert.That(File.GetUnixFileMode(Path.Combine(work, "setup.py")) & UnixFileMode.UserExecute, Is.Not.EqualTo(UnixFileMode.None));
        Assert.That(new FileInfo(Path.Combine(work, "link.py")).LinkTarget, Is.EqualTo("setup.py"));
        Assert.That(File.Exists(Path.Combine(CacheDir, "sha256", sha, "demo-1.0.tar.gz")), Is.True);
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Cached_source_is_used_offline_after_the_server_stops()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        var sha = Sha256Of(tarball);
        string url;
        using (var server = new LoopbackServer())
        {
            url = server.Serve("demo-1.0.tar.gz", File.ReadAllBytes(tarball));
            await Prepare(WorkDir("first"), Spec() with { Urls = [url], Sha256 = sha });
        }
        // The server is gone: a download attempt would fail with "connection refused".
        Log.Clear();
        await Prepare(WorkDir("second"), Spec() with { Urls = [url], Sha256 = sha });
        Assert.That(File.Exists(Path.Combine(WorkDir("second"), "pkg/__init__.py")), Is.True);
        Assert.That(Log, Has.Some.StartsWith("using cached"));
        Assert.That(Log, Has.None.StartsWith("downloading"));
    }

    [Test]
    public async Task Md5_only_source_is_found_offline_through_the_url_index()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        var md5 = Md5Of(tarball);
        string url;
        using (var server = new LoopbackServer())
        {
            url = server.Serve("demo-1.0.tar.gz", File.ReadAllBytes(tarball));
            await Prepare(WorkDir("first"), Spec() with { Urls = [url], Md5 = md5 });
        }
        await Prepare(WorkDir("second"), Spec() with { Urls = [url], Md5 = md5 });
        Assert.That(File.Exists(Path.Combine(WorkDir("second"), "setup.py")), Is.True);
        Assert.That(Directory.GetFiles(Path.Combine(CacheDir, "urls")), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Checksum_mismatch_is_a_coded_error_and_the_file_is_deleted()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        using var server = new LoopbackServer();
        var url = server.Serve("demo-1.0.tar.gz", File.ReadAllBytes(tarball));
        var wrong = new string('a', 64);

        var work = WorkDir();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(work, Spec(line: 9) with { Urls = [url], Sha256 = wrong }));

        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.ChecksumMismatch));
        Assert.That(e.Message, Does.Contain(wrong).And.Contain(Sha256Of(tarball)).And.Contain(url));
        Assert.That((e.File, e.Line), Is.EqualTo((MetaYaml, 9)));
        var cachedFiles = Directory.GetFiles(CacheDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal));
        Assert.That(cachedFiles, Is.Empty, "neither the bad download nor a temp file is kept");
        Assert.That(Directory.Exists(work), Is.False);
    }

    [Test]
    public async Task File_url_works()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        var work = WorkDir();
        await Prepare(work, Spec() with { Urls = [new Uri(tarball).AbsoluteUri], Sha256 = Sha256Of(tarball) });
        Assert.That(File.Exists(Path.Combine(work, "pkg/__init__.py")), Is.True);
    }

    [Test]
    public async Task First_working_mirror_is_used()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        using var server = new LoopbackServer();
        var good = server.Serve("mirror2/demo-1.0.tar.gz", File.ReadAllBytes(tarball));
        var work = WorkDir();
        await Prepare(work, Spec() with { Urls = [server.BaseUrl + "missing/demo-1.0.tar.gz", good], Sha256 = Sha256Of(tarball) });
        Assert.That(File.Exists(Path.Combine(work, "setup.py")), Is.True);
        Assert.That(Log, Has.Some.Contains("404"));
    }

    [Test]
    public void No_working_url_is_a_coded_error_listing_the_failures()
    {
        using var server = new LoopbackServer();
        var e = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir(), Spec() with { Urls = [server.BaseUrl + "gone.tar.gz"], Sha256 = new string('b', 64) }));
        Assert.That(e!.Code, Is.EqualTo(SourceErrorCodes.DownloadFailed));
        Assert.That(e.Message, Does.Contain("gone.tar.gz").And.Contain("404"));
    }

    [Test]
    public void Malformed_checksum_and_unsupported_scheme_are_coded_errors()
    {
        var bad = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir("a"), Spec() with { Urls = ["file:///x.tar.gz"], Sha256 = "1234" }));
        Assert.That(bad!.Code, Is.EqualTo(SourceErrorCodes.InvalidChecksum));
        var ftp = Assert.ThrowsAsync<CondaRecipesException>(() =>
            Prepare(WorkDir("b"), Spec() with { Urls = ["ftp://example.org/x.tar.gz"] }));
        Assert.That(ftp!.Code, Is.EqualTo(SourceErrorCodes.UnsupportedUrl));
    }

    [Test]
    public async Task Damaged_cache_entry_is_downloaded_again()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        var sha = Sha256Of(tarball);
        using var server = new LoopbackServer();
        var url = server.Serve("demo-1.0.tar.gz", File.ReadAllBytes(tarball));
        await Prepare(WorkDir("first"), Spec() with { Urls = [url], Sha256 = sha });
        File.WriteAllText(Path.Combine(CacheDir, "sha256", sha, "demo-1.0.tar.gz"), "damaged");

        await Prepare(WorkDir("second"), Spec() with { Urls = [url], Sha256 = sha });
        Assert.That(server.Requests, Is.EqualTo(2));
        Assert.That(Sha256Of(Path.Combine(CacheDir, "sha256", sha, "demo-1.0.tar.gz")), Is.EqualTo(sha));
    }

    [Test]
    public async Task Parallel_variants_fetching_one_url_download_it_once_and_all_succeed()
    {
        var tarball = await MakeTarball("demo-1.0.tar.gz", "-z");
        var sha = Sha256Of(tarball);
        using var server = new LoopbackServer(responseDelay: TimeSpan.FromMilliseconds(300));
        var url = server.Serve("demo-1.0.tar.gz", File.ReadAllBytes(tarball));

        // Separate fetchers, as separate MSBuild nodes would have; one shared cache directory.
        var works = Enumerable.Range(0, 6).Select(i => WorkDir($"variant{i}")).ToList();
        await Task.WhenAll(works.Select(w => Task.Run(() =>
            new SourceFetcher(CacheDir).PrepareAsync([Spec() with { Urls = [url], Sha256 = sha }], RecipeDir, w, _ => { }))));

        Assert.That(server.Requests, Is.EqualTo(1), "the entry lock lets one variant download, the rest reuse it");
        foreach (var w in works)
            Assert.That(File.ReadAllText(Path.Combine(w, "setup.py")), Is.EqualTo("print('setup')\n"));
        Assert.That(Sha256Of(Path.Combine(CacheDir, "sha256", sha, "demo-1.0.tar.gz")), Is.EqualTo(sha));
        Assert.That(Directory.GetFiles(Path.Combine(CacheDir, "tmp")), Is.Empty);
    }
}
