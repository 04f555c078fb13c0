namespace CondaRecipes.Tests.Sdk;

/// <summary>
/// Packs the SDKs (CondaRecipes.Sdk and CondaRecipes.Traversal) from the current sources once per test run, into
/// a feed and a package cache of the run's own, so every project built by a test resolves them to this code.
/// </summary>
public static class PackedSdk
{
    private static readonly Lazy<(string Feed, string Packages, string Version)> Pack = new(DoPack);

    public static string Feed => Pack.Value.Feed;
    public static string PackagesFolder => Pack.Value.Packages;
    public static string Version => Pack.Value.Version;

    private static (string, string, string) DoPack()
    {
        var root = Directory.CreateTempSubdirectory("cr-sdk-").FullName;
        var feed = Path.Combine(root, "feed");
        var packages = Path.Combine(root, "packages");
        // A version of its own per run: no cache anywhere can hold a stale copy of it.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        foreach (var project in new[] { "src/CondaRecipes.Sdk/CondaRecipes.Sdk.csproj", "src/CondaRecipes.Traversal/CondaRecipes.Traversal.csproj" })
        {
            var result = DotnetCli.Run(RepoPaths.Root,
                ["pack", project, "-c", "Release", "-nologo", "-v:q", "-o", feed, $"-p:Version={version}"]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"Packing {project} failed:\n{result}");
        }
        return (feed, packages, version);
    }
}
