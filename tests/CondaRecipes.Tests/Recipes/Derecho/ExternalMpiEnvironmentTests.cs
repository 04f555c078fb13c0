using System.Text.Json.Nodes;
using CondaRecipes.Channels;
using CondaRecipes.Channels.Reading;
using CondaRecipes.Channels.Solving;
using CondaRecipes.Diagnostics;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// environments/mpi4py.yaml resolved with the SDK's solver against channels shaped like today's conda-forge:
/// the empty external <c>mpich</c> builds only on <c>conda-forge/label/mpi-external</c>, the old
/// <c>external_*</c> builds gone from the main label (marked broken: listed under <c>removed</c>), and
/// conda-forge's own MPI builds on main. The local channel holds the Derecho mpi4py as the recipe renders it.
/// </summary>
public class ExternalMpiEnvironmentTests
{
    private const string Label = "conda-forge/label/mpi-external";
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-mpi-external-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static JsonObject Record(string name, string version, string build, long buildNumber, params string[] depends) => new()
    {
        ["name"] = name, ["version"] = version, ["build"] = build, ["build_number"] = buildNumber,
        ["depends"] = new JsonArray(depends.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
        ["subdir"] = "linux-64", ["sha256"] = new string('0', 64), ["size"] = 1, ["timestamp"] = 1_769_000_000_000,
    };

    /// <summary>Writes a channel: linux-64 with <paramref name="records"/> and <paramref name="removed"/>, and an empty noarch.</summary>
    private string Channel(string name, IEnumerable<JsonObject> records, params string[] removed)
    {
        var root = Path.Combine(_dir, name);
        foreach (var subdir in new[] { "linux-64", "noarch" })
        {
            var packages = new JsonObject();
            if (subdir == "linux-64")
                foreach (var r in records)
                    packages[$"{r["name"]}-{r["version"]}-{r["build"]}.conda"] = r;
            var doc = new JsonObject
            {
                ["info"] = new JsonObject { ["subdir"] = subdir }, ["packages"] = new JsonObject(), ["packages.conda"] = packages,
                ["removed"] = new JsonArray((subdir == "linux-64" ? removed : []).Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
                ["repodata_version"] = 1,
            };
            Directory.CreateDirectory(Path.Combine(root, subdir));
            File.WriteAllText(Path.Combine(root, subdir, "repodata.json"), doc.ToJsonString());
        }
        return root;
    }

    /// <summary>The three channels: the local output with the rendered Derecho mpi4py, the label, conda-forge.</summary>
    private (string Output, string Label, string CondaForge) Channels()
    {
        var mpi4py = DerechoRendering.RenderAll("build").Where(r => r.Recipe.Package.Name == "mpi4py")
            .Select(r => Record("mpi4py", r.Recipe.Package.Version, r.BuildString, r.Recipe.Build.Number,
                r.Recipe.Requirements.Run.Select(q => q.Spec).ToArray()))
            .ToList();
        Assert.That(mpi4py, Is.Not.Empty);
        var output = Channel("output", mpi4py);
        var label = Channel("mpi-external",
        [
            Record("mpich", "3.4.3", "external_hf12fe31_2", 2, "mpi 1.0 mpich"),
            Record("mpich", "4.3.2", "external_hd5a263a_104", 104, "mpi 1.0 mpich"),
            Record("mpich", "4.3.2", "h7063c07_105", 105, "mpi 1.0 mpich"),
        ]);
        var forge = Channel("conda-forge",
        [
            Record("python", "3.11.11", "h9e4cc4f_1_cpython", 1),
            Record("python", "3.12.8", "h9e4cc4f_1_cpython", 1),
            Record("mpi", "1.0", "mpich", 0),
            Record("mpich", "3.4.3", "h846660c_100", 100, "mpi 1.0 mpich"),
            Record("mpich", "4.3.2", "h79b1c89_100", 100, "mpi 1.0 mpich"),
            Record("mpi4py", "4.0.3", "py312h5a5eba4_0", 0, "python >=3.12,<3.13.0a0", "mpich >=4.3.2,<5.0a0"),
        ],
        // Marked broken on 2026-01-29: no longer on the main label.
        "mpich-3.4.3-external_0.tar.bz2", "mpich-4.3.2-external_hd5c3fa7_0.conda");
        return (output, label, forge);
    }

    private static PackagePool Pool(IEnumerable<string> channels) =>
        PackagePool.FromChannels(channels.Select(c => ChannelSource.Create(c)), "linux-64");

    [Test]
    public void The_environment_gets_the_external_mpich_from_the_label_and_never_conda_forges_own()
    {
        var (output, label, forge) = Channels();
        var env = EnvironmentFile.Load(Path.Combine(RepoPaths.Root, "environments", "mpi4py.yaml"), RepoPaths.Root);
        Assert.That(env.Channels.Skip(1), Is.EqualTo(new[] { Label, "conda-forge" }));
        // The file's channels, each replaced by its stand-in.
        var channels = env.Channels.Select(c => c == Label ? label : c == "conda-forge" ? forge : output).ToList();

        var solution = Resolver.Solve(env.Dependencies, Pool(channels));
        var mpich = solution.Find("mpich")!;
        Assert.That(mpich.Channel, Is.EqualTo(ChannelSource.Create(label).Url), "mpich comes from the external-MPI label");
        Assert.That((mpich.Version, mpich.Build), Is.EqualTo(("3.4.3", "external_hf12fe31_2")));
        Assert.That(solution.Find("mpi4py")!.Build, Does.StartWith("derecho_"));

        // The label's place before conda-forge is what keeps conda-forge's own MPI out.
        var withoutLabel = Resolver.Solve(env.Dependencies, Pool(channels.Where(c => c != label)));
        Assert.That(withoutLabel.Find("mpich")!.Build, Is.EqualTo("h846660c_100"));
    }

    [Test]
    public void The_old_external_build_spec_finds_nothing_on_conda_forges_main_label()
    {
        var (_, label, forge) = Channels();
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["mpich =3*=external_*"], Pool([forge])));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.Unsatisfiable));
        // The recipes' run requirement, mpich 3.*, is the label's external build when the label comes first.
        Assert.That(Resolver.Solve(["mpich 3.*"], Pool([label, forge])).Find("mpich")!.Build, Is.EqualTo("external_hf12fe31_2"));
    }
}
