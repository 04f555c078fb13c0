using System.Net;
using System.Net.Sockets;

namespace CondaRecipes.Tests.Support;

/// <summary>An <see cref="HttpListener"/> on a free loopback port, for the tests' stand-in download servers.</summary>
internal static class LoopbackListener
{
    /// <returns>The started listener and its base URL (<c>http://127.0.0.1:PORT/</c>).</returns>
    public static (HttpListener Listener, string BaseUrl) Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(baseUrl);
        listener.Start();
        return (listener, baseUrl);
    }
}
