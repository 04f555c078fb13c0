using CondaRecipes.Tests.Pipeline;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Site;

/// <summary>
/// What a site receives: a folder feed holding only the packed CondaRecipes.Sdk, CondaRecipes.Traversal and
/// CondaRecipes.Templates (of the run's version), the templates installed into a private DOTNET_CLI_HOME, and a
/// private NuGet package folder, so nothing reaches the user's caches or this repository's sources.
/// </summary>
public sealed class SiteFeed
{
    private static readonly Lazy<SiteFeed> Instance = new(() => new SiteFeed());

    public static SiteFeed Shared => Instance.Value;

    private SiteFeed()
    {
        Root = Directory.CreateTempSubdirectory("cr-site-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_HOME"] = Directory.CreateDirectory(Path.Combine(Root, "cli-home")).FullName,
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName,
        };
        foreach (var package in Directory.GetFiles(PackedSdk.Feed, "*.nupkg"))
            File.Copy(package, Path.Combine(Feed, Path.GetFileName(package)));
        Pack("src/CondaRecipes.Templates/CondaRecipes.Templates.csproj", Feed);

        // The same sources pack to the same bytes: CondaRecipes.Sdk again, into a folder of its own.
        string again = Directory.CreateDirectory(Path.Combine(Root, "again")).FullName;
        Pack("src/CondaRecipes.Sdk/CondaRecipes.Sdk.csproj", again);
        string name = $"CondaRecipes.Sdk.{PackedSdk.Version}.nupkg";
        SdkPackedTwice = (ChannelInspection.Sha256(Path.Combine(Feed, name)), ChannelInspection.Sha256(Path.Combine(again, name)));

        var install = Dotnet(Root, "new", "install", $"CondaRecipes.Templates@{PackedSdk.Version}", "--add-source", Feed);
        if (install.ExitCode != 0)
            throw new InvalidOperationException($"Installing the templates failed:\n{install}");
    }

    public string Root { get; }

    public string Feed { get; }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>sha256 of CondaRecipes.Sdk packed by <see cref="PackedSdk"/> and packed again.</summary>
    public (string First, string Second) SdkPackedTwice { get; }

    public DotnetCli.Result Dotnet(string workDir, params string[] args) =>
        DotnetCli.Run(workDir, args, Environment);

    /// <summary>A new site repository from the site template, in a folder of its own.</summary>
    public string NewSite(string label)
    {
        string site = Directory.CreateTempSubdirectory("cr-newsite-").FullName;
        var r = Dotnet(site, "new", "condarecipes-site", "--label", label, "--feed", Feed);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        return site;
    }

    private static void Pack(string project, string output)
    {
        var r = DotnetCli.Run(RepoPaths.Root, ["pack", project, "-c", "Release", "-nologo", "-v:q", "-o", output, $"-p:Version={PackedSdk.Version}"]);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"Packing {project} failed:\n{r}");
    }
}
