using System.Net;
using System.Net.Sockets;
using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Diagnostics;
using static CondaRecipes.Tests.Channels.SyntheticChannel;

namespace CondaRecipes.Tests.Channels;

public class ChannelSourceTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-channels-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string WriteChannel(string name, bool withNoarch = true) => Write(Path.Combine(_dir, name),
    [
        Rec("mpi4py", "4.0.3", "derecho_py3.11_1000", 1000, ["python 3.11.*"]),
        Rec("nccl", "2.21.5.1", "derecho_1000", 1000),
        Rec("tqdm", "4.66.0", "pyhd8ed1ab_0", subdir: "noarch"),
    ], withNoarch);

    [Test]
    public void ReadsSubdirAndNoarchFromAPlainPath_SettingChannelAndFileName()
    {
        var dir = WriteChannel("output");
        var source = ChannelSource.Create(dir);
        var records = source.Load("linux-64");
        Assert.That(records.Select(r => r.Name), Is.EquivalentTo(new[] { "mpi4py", "nccl", "tqdm" }));
        Assert.That(source.Url, Is.EqualTo(new Uri(dir).AbsoluteUri));
        Assert.That(source.Name, Is.EqualTo("output"));
        Assert.That(records.All(r => r.Channel == source.Url), Is.True);
        var mpi4py = records.Single(r => r.Name == "mpi4py");
        Assert.That(mpi4py.FileName, Is.EqualTo("mpi4py-4.0.3-derecho_py3.11_1000.conda"));
        Assert.That(mpi4py.Subdir, Is.EqualTo("linux-64"));
        Assert.That(mpi4py.Depends, Is.EqualTo(new[] { "python 3.11.*" }));
        Assert.That(records.Single(r => r.Name == "tqdm").Subdir, Is.EqualTo("noarch"));
    }

    [Test]
    public void ReadsAFileUrl()
    {
        var dir = WriteChannel("output");
        var records = ChannelSource.Create(new Uri(dir).AbsoluteUri).Load("linux-64");
        Assert.That(records, Has.Count.EqualTo(3));
    }

    [Test]
    public void PrefersTheCondaArchiveOverTheTarBz2OfTheSamePackage()
    {
        var dir = Path.Combine(_dir, "both");
        Directory.CreateDirectory(Path.Combine(dir, "noarch"));
        File.WriteAllText(Path.Combine(dir, "noarch", "repodata.json"), """
            {"info": {"subdir": "noarch"},
             "packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "build_number": 0, "depends": []},
                          "b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "0", "build_number": 0, "depends": null}},
             "packages.conda": {"a-1-0.conda": {"name": "a", "version": "1", "build": "0", "build_number": 0, "depends": []}},
             "repodata_version": 1}
            """);
        var records = ChannelSource.Create(dir).Load("noarch");
        Assert.That(records.Select(r => r.FileName), Is.EquivalentTo(new[] { "a-1-0.conda", "b-1-0.tar.bz2" }));
        Assert.That(records.Single(r => r.Name == "b").Depends, Is.Empty);
    }

    [Test]
    public void AChannelWithoutNoarchIsUnavailableInvalidChannel()
    {
        var dir = WriteChannel("broken", withNoarch: false);
        var e = Assert.Throws<CondaRecipesException>(() => ChannelSource.Create(dir).Load("linux-64"));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.UnavailableInvalidChannel));
        Assert.That(e.Message, Does.Contain("UnavailableInvalidChannel").And.Contain(new Uri(dir).AbsoluteUri));
        Assert.That(e.File, Is.EqualTo(Path.Combine(dir, "noarch", "repodata.json")));
    }

    [Test]
    public void AMissingPlatformSubdirContributesNothing()
    {
        var dir = WriteChannel("output");
        Assert.That(ChannelSource.Create(dir).Load("osx-arm64").Select(r => r.Name), Is.EqualTo(new[] { "tqdm" }));
    }

    [Test]
    public void InvalidRepodataIsACodedErrorNamingTheFile()
    {
        var dir = WriteChannel("output");
        var bad = Path.Combine(dir, "linux-64", "repodata.json");
        File.WriteAllText(bad, "{\"packages\": {\"x.conda\": {\"name\": \"x\"");
        var e = Assert.Throws<CondaRecipesException>(() => ChannelSource.Create(dir).Load("linux-64"));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.InvalidRepodata));
        Assert.That(e.File, Is.EqualTo(bad));
    }

    [TestCase("conda-forge", "https://conda.anaconda.org/conda-forge")]
    [TestCase("conda-forge/label/mpi-external", "https://conda.anaconda.org/conda-forge/label/mpi-external")]
    public void ChannelNames_AndLabelledNames_AreOnTheDefaultChannelAlias(string name, string url)
    {
        var source = ChannelSource.Create(name);
        Assert.That(source, Is.InstanceOf<HttpChannelSource>());
        Assert.That(source.Url, Is.EqualTo(url));
    }

    [TestCase("output/linux-64")]
    [TestCase("conda-forge/label")]
    [TestCase("a/label/../b")]
    public void OtherRelativePaths_AreLocalFolders(string path) =>
        Assert.That(ChannelSource.Create(path), Is.InstanceOf<LocalChannelSource>());

    [Test]
    public void UnknownSchemesAreRejected()
    {
        var e = Assert.Throws<CondaRecipesException>(() => ChannelSource.Create("ftp://example.org/channel"));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.UnsupportedChannelUrl));
    }

    [Test]
    public void HttpChannel_IsCached_RevalidatedWith304_AndUsedOfflineWhenTheServerIsGone()
    {
        var root = WriteChannel("conda-forge");
        var cache = Path.Combine(_dir, "cache");
        using var server = new LoopbackRepodataServer(root);
        var url = server.BaseUrl + "conda-forge";
        var options = new HttpChannelOptions { CacheDirectory = cache, Timeout = TimeSpan.FromSeconds(5) };

        var first = ChannelSource.Create(url, options).Load("linux-64");
        Assert.That(first.Select(r => r.Name), Is.EquivalentTo(new[] { "mpi4py", "nccl", "tqdm" }));
        Assert.That(first.All(r => r.Channel == url), Is.True);
        Assert.That(server.Requests, Is.EqualTo(2));
        Assert.That(server.NotModified, Is.Zero);

        var diagnostics = new List<Diagnostic>();
        var second = ChannelSource.Create(url, options).Load("linux-64", diagnostics);
        Assert.That(server.Requests, Is.EqualTo(4));
        Assert.That(server.NotModified, Is.EqualTo(2), "both subdirs revalidated with If-None-Match");
        Assert.That(second.Select(r => r.FileName), Is.EquivalentTo(first.Select(r => r.FileName)));
        Assert.That(diagnostics, Is.Empty);

        server.Dispose();
        var offline = ChannelSource.Create(url, options).Load("linux-64", diagnostics);
        Assert.That(offline.Select(r => r.FileName), Is.EquivalentTo(first.Select(r => r.FileName)));
        Assert.That(diagnostics, Has.Count.EqualTo(2));
        Assert.That(diagnostics.All(d => d.Code == ChannelErrorCodes.UsingCachedRepodata && d.Severity == DiagnosticSeverity.Warning), Is.True);
        Assert.That(diagnostics[0].Message, Does.Contain(url));

        var e = Assert.Throws<CondaRecipesException>(() => ChannelSource.Create(url,
            new HttpChannelOptions { CacheDirectory = Path.Combine(_dir, "other-cache"), Timeout = TimeSpan.FromSeconds(5) }).Load("linux-64"));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.ChannelUnreachable));
    }

    [Test]
    public void HttpChannel_ChangedRepodataIsDownloadedAgain()
    {
        var root = WriteChannel("conda-forge");
        using var server = new LoopbackRepodataServer(root);
        var options = new HttpChannelOptions { CacheDirectory = Path.Combine(_dir, "cache") };
        var url = server.BaseUrl + "conda-forge";
        ChannelSource.Create(url, options).Load("linux-64");
        Write(root, [Rec("nccl", "2.22.3.1", "derecho_1000", 1000)]);
        var records = ChannelSource.Create(url, options).Load("linux-64");
        Assert.That(records.Select(r => r.Version), Is.EqualTo(new[] { "2.22.3.1" }));
        Assert.That(server.NotModified, Is.Zero);
    }

    [Test]
    public void HttpChannelWithoutNoarchIsUnavailableInvalidChannel()
    {
        var root = WriteChannel("conda-forge", withNoarch: false);
        using var server = new LoopbackRepodataServer(root);
        var e = Assert.Throws<CondaRecipesException>(() => ChannelSource.Create(server.BaseUrl + "conda-forge",
            new HttpChannelOptions { CacheDirectory = Path.Combine(_dir, "cache") }).Load("linux-64"));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.UnavailableInvalidChannel));
    }
}

/// <summary>
/// A loopback HTTP server over a directory: serves files with an ETag from their content hash and
/// answers If-None-Match with 304; counts requests.
/// </summary>
internal sealed class LoopbackRepodataServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _root;
    private readonly Task _loop;
    private int _requests, _notModified;

    public LoopbackRepodataServer(string channelDirectory)
    {
        _root = Path.GetDirectoryName(channelDirectory)!;
        (_listener, BaseUrl) = Support.LoopbackListener.Start();
        _loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }
    public int Requests => Volatile.Read(ref _requests);
    public int NotModified => Volatile.Read(ref _notModified);

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref _requests);
            var path = Path.Combine(_root, context.Request.Url!.AbsolutePath.TrimStart('/'));
            using var response = context.Response;
            if (!File.Exists(path)) { response.StatusCode = 404; continue; }
            var bytes = await File.ReadAllBytesAsync(path);
            var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + "\"";
            if (context.Request.Headers["If-None-Match"] == etag)
            {
                Interlocked.Increment(ref _notModified);
                response.StatusCode = 304;
                continue;
            }
            response.Headers["ETag"] = etag;
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    public void Dispose()
    {
        if (!_listener.IsListening) return;
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
