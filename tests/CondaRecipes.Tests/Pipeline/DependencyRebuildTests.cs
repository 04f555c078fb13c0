using System.Security.Cryptography;
using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>
/// A package built against another of the local channel (pyext-plugin against pyext-demo) is out of date when
/// that package is rebuilt, and a build of the dependent rebuilds both in one run, in order; an unrelated
/// sample stays up to date. Real `dotnet build` runs on a copy of the samples (Python 3.12 only).
/// </summary>
[NonParallelizable]
public class DependencyRebuildTests
{
    private const string Demo = "pyext-demo-0.3.1-sample_py3.12_1000";

    private static void Build(TestRepo repo, string project)
    {
        var r = repo.Build($"samples/{project}.proj", "-p:PythonVersion=3.12");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
    }

    /// <summary>Each planned package file with its Status and Reason, from the Plan target's items.</summary>
    private static List<(string File, string Status, string Reason)> Plan(TestRepo repo, string project)
    {
        var r = repo.Build($"samples/{project}.proj", "-p:PythonVersion=3.12", "-t:Plan", "-getItem:CondaPlannedPackage");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        using var doc = JsonDocument.Parse(r.Output[r.Output.IndexOf('{')..]);
        return doc.RootElement.GetProperty("Items").GetProperty("CondaPlannedPackage").EnumerateArray()
            .Select(e => (Path.GetFileName(e.GetProperty("Identity").GetString()!), e.GetProperty("Status").GetString()!, e.GetProperty("Reason").GetString()!))
            .ToList();
    }

    private static void ChangeDemoSource(TestRepo repo, string note) =>
        File.AppendAllText(repo.Path_("samples", "pyext", "src", "pyext_demo", "__init__.py"), $"\n# {note}\n");

    private static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>The sha256 the plugin's stamp records for the pyext-demo archive installed into its host prefix.</summary>
    private static string RecordedDemoSha(TestRepo repo)
    {
        var stamps = Directory.EnumerateFiles(repo.Path_(".conda-work", "pyext-plugin", "stamps"), "*.json").ToList();
        Assert.That(stamps, Has.Count.EqualTo(1));
        using var doc = JsonDocument.Parse(File.ReadAllText(stamps[0]));
        var demo = doc.RootElement.GetProperty("installed").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "pyext-demo");
        Assert.That(demo.GetProperty("env").GetString(), Is.EqualTo("host"));
        return demo.GetProperty("sha256").GetString()!;
    }

    [Test]
    public void A_rebuilt_dependency_makes_its_dependents_out_of_date_and_they_rebuild_after_it_in_one_run()
    {
        using var repo = new TestRepo();
        repo.CopyFromRepository("samples");
        Build(repo, "pyext-plugin"); // pyext first, through its ProjectReference
        Build(repo, "noarch-cli");
        var demoFile = repo.Path_("output", "linux-64", Demo + ".conda");
        Assert.That(RecordedDemoSha(repo), Is.EqualTo(Sha256Of(demoFile)));
        Assert.That(Plan(repo, "pyext-plugin").Select(p => p.Status), Is.All.EqualTo("up to date"));

        // pyext-demo rebuilt from changed source: same file name, other contents.
        var before = Sha256Of(demoFile);
        ChangeDemoSource(repo, "first change");
        Build(repo, "pyext");
        var after = Sha256Of(demoFile);
        Assert.That(after, Is.Not.EqualTo(before));
        var plan = Plan(repo, "pyext-plugin").Single();
        Assert.That(plan.Status, Is.EqualTo("out of date"));
        Assert.That(plan.Reason, Is.EqualTo($"host package {Demo} changed (sha256 {before[..12]} -> {after[..12]})"));
        Assert.That(Plan(repo, "noarch-cli").Select(p => p.Status), Is.All.EqualTo("up to date"), "an unrelated sample is not rebuilt");

        // One build of the dependent: pyext rebuilds first, then pyext-plugin against the new pyext-demo.
        ChangeDemoSource(repo, "second change");
        var pluginFile = repo.Path_("output", "linux-64", "pyext-plugin-1.0.0-sample_py3.12_1000.conda");
        var pluginWritten = File.GetLastWriteTimeUtc(pluginFile);
        Build(repo, "pyext-plugin");
        var newest = Sha256Of(demoFile);
        Assert.That(newest, Is.Not.EqualTo(after), "pyext-demo was rebuilt in this run");
        Assert.That(File.GetLastWriteTimeUtc(pluginFile), Is.GreaterThan(pluginWritten), "pyext-plugin was rebuilt in this run");
        Assert.That(RecordedDemoSha(repo), Is.EqualTo(newest), "pyext-plugin was built against the new pyext-demo");
        Assert.That(Plan(repo, "pyext-plugin").Select(p => p.Status), Is.All.EqualTo("up to date"));
    }
}
