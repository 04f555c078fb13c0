using System.IO.Compression;
using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Site;

/// <summary>
/// The repository's recipe projects resolve CondaRecipes.Sdk to the committed 0.0.0-source package, which only
/// forwards to eng/: it must hold exactly the files of eng/source-sdk/Sdk, and global.json must pin it.
/// </summary>
public class SourceSdkPackageTests
{
    [Test]
    public void The_committed_source_package_holds_the_forwarding_files_and_global_json_pins_it()
    {
        string dir = Path.Combine(RepoPaths.Root, "eng", "source-sdk");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "global.json")));
        string version = json.RootElement.GetProperty("msbuild-sdks").GetProperty("CondaRecipes.Sdk").GetString()!;
        Assert.That(version, Does.EndWith("-source"));

        using var package = ZipFile.OpenRead(Path.Combine(dir, "feed", $"CondaRecipes.Sdk.{version}.nupkg"));
        var packed = package.Entries.Where(e => e.FullName.StartsWith("Sdk/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
        var sources = Directory.EnumerateFiles(Path.Combine(dir, "Sdk"))
            .ToDictionary(f => "Sdk/" + Path.GetFileName(f), File.ReadAllText);
        Assert.That(packed, Is.EqualTo(sources),
            "eng/source-sdk/Sdk changed: give the package a new version, pin it in global.json and repack (see its csproj)");
        Assert.That(File.Exists(Path.Combine(RepoPaths.Root, "eng", "CondaSourceSdk.props")), "the file the package looks for");
    }
}
