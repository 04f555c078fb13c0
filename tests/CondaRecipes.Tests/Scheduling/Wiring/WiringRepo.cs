using System.Diagnostics;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Scheduling.Wiring;

/// <summary>
/// A test repository with two tiny noarch recipes that each install a file: <c>wbase</c>, and <c>wapp</c>
/// (two versions) whose project references wbase's, so its jobs wait for wbase's. The projects
/// carry a per-test tag in their names, so their job names are unique on the shared local Slurm.
/// </summary>
internal sealed class WiringRepo : IDisposable
{
    public WiringRepo(bool baseFails = false, bool baseSleeps = false)
    {
        Repo = new TestRepo();
        Tag = "w" + Guid.NewGuid().ToString("N")[..6];
        Repo.Write("recipes/base/meta.yaml", """
            package:
              name: wiring-base
              version: 1.0.0
            build:
              number: 0
              noarch: generic
            """);
        Repo.Write("recipes/base/build.sh", baseFails
            ? "echo 'wiring: compiling base'\necho 'wiring: base is broken on purpose' >&2\nexit 7\n"
            : baseSleeps ? "echo 'wiring: sleeping'\nsleep 600\n"
            : "mkdir -p \"$PREFIX/share/wiring\"\necho \"base $PKG_VERSION\" > \"$PREFIX/share/wiring/base.txt\"\n");
        Repo.Write("recipes/app/meta.yaml", """
            package:
              name: wiring-app
              version: {{ environ.get('APP_VERSION', '0.0') }}
            build:
              number: 0
              noarch: generic
            """);
        Repo.Write("recipes/app/build.sh",
            "mkdir -p \"$PREFIX/share/wiring\"\necho \"app $PKG_VERSION\" > \"$PREFIX/share/wiring/app.txt\"\n");
        Repo.Write($"recipes/{BaseProject}", """
            <Project Sdk="CondaRecipes.Sdk">
              <PropertyGroup><CondaRecipeDir>base</CondaRecipeDir></PropertyGroup>
            </Project>
            """);
        Repo.Write($"recipes/{AppProject}", $"""
            <Project Sdk="CondaRecipes.Sdk">
              <PropertyGroup><CondaRecipeDir>app</CondaRecipeDir></PropertyGroup>
              <ItemGroup>
                <CondaVariant Include="APP_VERSION" Values="2.0;1.0" />
                <ProjectReference Include="{BaseProject}" />
              </ItemGroup>
            </Project>
            """);
    }

    public TestRepo Repo { get; }
    public string Tag { get; }
    public string BaseProject => $"{Tag}base.proj";
    public string AppProject => $"{Tag}app.proj";
    public string BaseJob => $"{Tag}base-default";
    public string AppJob(string version) => $"{Tag}app-app_version-{version}";
    public string JobDir => Repo.Path_("logs", "jobs");

    /// <summary>The package files in the repository's channel, by file name.</summary>
    public IReadOnlyList<string> Packages() =>
        Directory.Exists(Repo.Path_("output", "noarch"))
            ? Directory.GetFiles(Repo.Path_("output", "noarch"), "*.conda").Select(Path.GetFileName).Select(n => n!).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>`dotnet build recipes/&lt;app&gt;` with fast polling and the given extra arguments.</summary>
    public DotnetCli.Result BuildApp(params string[] args) =>
        Repo.Build([$"recipes/{AppProject}", "-p:CondaSchedulerPollMax=2", .. args]);

    /// <summary>Names of the jobs Slurm knows (pending, running and recently ended ones).</summary>
    public static IReadOnlyList<string> SlurmJobNames()
    {
        var psi = new ProcessStartInfo("squeue", ["-h", "-t", "all", "-o", "%j"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var names = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), "squeue failed");
        return names;
    }

    /// <summary>Removes any job of this repository still known to Slurm, so a failed test leaves nothing running.</summary>
    public void Dispose()
    {
        var psi = new ProcessStartInfo("squeue", ["-h", "-o", "%i %j"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using (var p = Process.Start(psi)!)
        {
            var ids = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Trim().Split(' ')).Where(f => f.Length == 2 && f[1].StartsWith(Tag, StringComparison.Ordinal)).Select(f => f[0]).ToList();
            p.WaitForExit();
            if (ids.Count > 0)
                using (var cancel = Process.Start("scancel", ids)!) cancel.WaitForExit();
        }
        Repo.Dispose();
    }
}
