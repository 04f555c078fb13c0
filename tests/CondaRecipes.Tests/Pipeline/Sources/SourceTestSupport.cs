using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Pipeline.Sources;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Build.Sources;

/// <summary>A scratch directory per test with a recipe dir, a cache and a log.</summary>
public abstract class SourceTestBase
{
    protected string Root = null!;
    protected string RecipeDir = null!;
    protected string CacheDir = null!;
    protected string MetaYaml = null!;
    protected List<string> Log = null!;

    [SetUp]
    public void CreateScratch()
    {
        Root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"cr-sources-{Guid.NewGuid():N}")).FullName;
        RecipeDir = Directory.CreateDirectory(Path.Combine(Root, "recipe")).FullName;
        CacheDir = Path.Combine(Root, "cache");
        MetaYaml = Path.Combine(RecipeDir, "meta.yaml");
        File.WriteAllText(MetaYaml, "package: {name: demo, version: 1.0}\n");
        Log = [];
    }

    [TearDown]
    public void DeleteScratch()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    protected RecipeSource Spec(int line = 5) => new() { RecipeFile = MetaYaml, Line = line };

    protected string WorkDir(string name = "work") => Path.Combine(Root, name);

    protected Task Prepare(string workDir, params RecipeSource[] sources) =>
        new SourceFetcher(CacheDir).PrepareAsync(sources, RecipeDir, workDir, Log.Add);

    /// <summary>Writes files (relative path → text) under a new directory.</summary>
    protected string MakeTree(string name, params (string Path, string Text)[] files)
    {
        var dir = Path.Combine(Root, name);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        Directory.CreateDirectory(dir);
        return dir;
    }

    protected static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    protected static string Md5Of(string file) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(file)));

    /// <summary>Runs a real program (tar, git, ln, zip tools) and fails the test if it fails.</summary>
    protected static async Task<string> Run(string workingDirectory, string program, params string[] args)
    {
        var result = await Cli.Wrap(program).WithArguments(args).WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(e => e.Set("GIT_AUTHOR_NAME", "Test").Set("GIT_AUTHOR_EMAIL", "t@example.org")
                .Set("GIT_COMMITTER_NAME", "Test").Set("GIT_COMMITTER_EMAIL", "t@example.org"))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(result.ExitCode, Is.Zero,
            $"{program} {string.Join(' ', args)} failed:\n{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>A project tree <c>demo-1.0/</c> packed by the real tar program.</summary>
    protected async Task<string> MakeTarball(string fileName, string tarCompressFlag)
    {
        var src = MakeTree("tarsrc", ("demo-1.0/setup.py", "print('setup')\n"), ("demo-1.0/pkg/__init__.py", "x = 1\n"));
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(Path.Combine(src, "demo-1.0/setup.py"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(src, "demo-1.0/link.py"), "setup.py");
        var archive = Path.Combine(Root, fileName);
        await Run(src, "tar", tarCompressFlag, "-cf", archive, "demo-1.0");
        Directory.Delete(src, recursive: true);
        return archive;
    }
}

/// <summary>
/// A real HTTP server on 127.0.0.1 serving files from memory; counts requests and can hold each response
/// back a little so concurrent clients overlap.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Dictionary<string, byte[]> _files = new();
    private readonly Task _loop;
    private int _requests;

    public LoopbackServer(TimeSpan? responseDelay = null)
    {
        ResponseDelay = responseDelay ?? TimeSpan.Zero;
        (_listener, BaseUrl) = Support.LoopbackListener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }
    public TimeSpan ResponseDelay { get; }
    public int Requests => Volatile.Read(ref _requests);

    public string Serve(string name, byte[] content)
    {
        lock (_files) _files["/" + name] = content;
        return BaseUrl + name;
    }

    public void Stop()
    {
        if (_listener.IsListening) _listener.Stop();
    }

    public void Dispose()
    {
        Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(async () =>
            {
                Interlocked.Increment(ref _requests);
                byte[]? body;
                lock (_files) _files.TryGetValue(context.Request.Url!.AbsolutePath, out body);
                await Task.Delay(ResponseDelay);
                try
                {
                    if (body is null) context.Response.StatusCode = 404;
                    else await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
            });
        }
    }
}
